// Mounts the permits section alone, the way the plot card does, for the component test.
import { createRoot } from 'react-dom/client';
import { PermitsSection } from '../../../client/src/permits/PermitsSection.tsx';

const params = new URLSearchParams(location.search);
const lang = (params.get('lang') ?? 'en') as 'fi' | 'sv' | 'en';
document.documentElement.lang = lang;
createRoot(document.getElementById('root')!).render(
  <section aria-label="permits">
    <PermitsSection plotId={Number(params.get('plot'))} lang={lang} />
  </section>,
);
