import { useCallback, useMemo, useRef, useState, type ReactElement } from 'react';
import { BasemapSwitcher } from './BasemapSwitcher.tsx';
import {
  BUILTIN,
  DEFAULT_CHOICE,
  initialChoice,
  rememberChoice,
  type BackgroundChoice,
  type ClientBasemap,
} from './background.ts';
import type { BasemapLang } from './basemap-messages.ts';

const ONLY_BUILTIN: ClientBasemap[] = [
  {
    id: BUILTIN,
    kind: 'builtin',
    name: { fi: 'Sisäänrakennettu kartta', sv: 'Inbyggd karta', en: 'Built-in map' },
    attribution: '',
    overlay: false,
  },
];

/**
 * The background state of one map: the choice (from the link, else remembered), the switcher
 * and the props MapView takes. Servers without `basemaps` in their config offer the built-in map.
 */
export function useBackground(
  basemapsFromConfig: ClientBasemap[] | undefined,
  lang: BasemapLang,
  fromUrl?: Partial<BackgroundChoice>,
  /** Before a change of background or overlays the user made (the app pushes a history step). */
  onStep?: () => void,
): {
  choice: BackgroundChoice;
  setChoice(c: BackgroundChoice): void;
  /** Back/forward: the choice a link's parameters give (missing ones are the defaults). */
  restore(fromUrl: Partial<BackgroundChoice> | undefined): void;
  mapProps: {
    backgrounds: ClientBasemap[];
    background: BackgroundChoice;
    onBackgroundFallback(failed: ClientBasemap | null): void;
    backgroundRetry: number;
  };
  switcher: ReactElement;
} {
  const basemaps = basemapsFromConfig?.length ? basemapsFromConfig : ONLY_BUILTIN;
  const [choice, setChoiceState] = useState<BackgroundChoice>(() => initialChoice(fromUrl));
  const [fallback, setFallback] = useState<ClientBasemap | null>(null);
  const [retry, setRetry] = useState(0);
  const setChoice = useCallback((c: BackgroundChoice) => {
    setChoiceState(c);
    setFallback(null);
    rememberChoice(c);
  }, []);
  const step = useRef(onStep);
  step.current = onStep;
  const onSwitch = useCallback(
    (c: BackgroundChoice) => {
      // A new background or overlay is a step back can undo; sliding the opacity is not.
      if (c.bg !== choice.bg || c.overlays.join() !== choice.overlays.join()) step.current?.();
      setChoice(c);
    },
    [choice, setChoice],
  );
  const restore = useCallback(
    (fromUrl: Partial<BackgroundChoice> | undefined) => setChoice({ ...DEFAULT_CHOICE, ...fromUrl }),
    [setChoice],
  );
  const onRetry = useCallback(() => {
    setFallback(null);
    setRetry((n) => n + 1);
  }, []);
  const mapProps = useMemo(
    () => ({
      backgrounds: basemaps,
      background: choice,
      onBackgroundFallback: setFallback,
      backgroundRetry: retry,
    }),
    [basemaps, choice, retry],
  );
  const switcher = (
    <BasemapSwitcher
      lang={lang}
      basemaps={basemaps}
      choice={choice}
      onChange={onSwitch}
      fallback={fallback}
      onRetry={onRetry}
    />
  );
  return { choice, setChoice, restore, mapProps, switcher };
}
