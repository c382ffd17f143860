/**
 * A printed card or list carries the map: when the page turns to print (the print dialog, or
 * print media emulated), the map is drawn once more and its canvas copied into an image that
 * only print shows; the live WebGL canvas itself does not print. Drawing and copying happen in
 * the same task, so the drawing buffer needs no `preserveDrawingBuffer` (which would slow every
 * frame).
 */
import type { Map as MlMap } from 'maplibre-gl';

const TEXT = {
  fi: 'Kartta tulostushetkellä',
  sv: 'Kartan vid utskriften',
  en: 'The map when printed',
};

/** Keeps a print image of `map` up to date; returns the function that stops it. */
export function printMapImage(map: MlMap, lang: () => keyof typeof TEXT): () => void {
  const img = document.createElement('img');
  img.className = 'print-map-image print-only';
  const snapshot = () => {
    try {
      map.redraw();
      img.src = map.getCanvas().toDataURL('image/png');
    } catch {
      return; // A lost WebGL context: the page prints without the map rather than failing.
    }
    img.alt = TEXT[lang()];
    // Before the card (or list) in the print, which otherwise shows only the side panel.
    const host = document.querySelector('.card-panel') ?? document.querySelector('.app');
    if (host && img.parentElement !== host) host.prepend(img);
  };
  const media = window.matchMedia('print');
  const onChange = (e: MediaQueryListEvent) => {
    if (e.matches) snapshot();
  };
  media.addEventListener('change', onChange);
  window.addEventListener('beforeprint', snapshot);
  return () => {
    media.removeEventListener('change', onChange);
    window.removeEventListener('beforeprint', snapshot);
    img.remove();
  };
}
