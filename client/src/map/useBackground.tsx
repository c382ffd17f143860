import { useCallback, useMemo, useState, type ReactElement } from 'react';
import { BasemapSwitcher } from './BasemapSwitcher.tsx';
import {
  BUILTIN,
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
): {
  choice: BackgroundChoice;
  setChoice(c: BackgroundChoice): void;
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
      onChange={setChoice}
      fallback={fallback}
      onRetry={onRetry}
    />
  );
  return { choice, setChoice, mapProps, switcher };
}
