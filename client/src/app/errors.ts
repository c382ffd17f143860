import { ApiError } from '../api/client.ts';
import type { I18n } from '../i18n/format.ts';

/** A failure as a sentence in the user's language (codes stay visible for support). */
export function errorText(err: unknown, t: I18n): string {
  if (err instanceof ApiError) {
    if (err.code === 'network') return t.t('networkError');
    if (err.code === 'plot_not_found') return t.t('notFoundPlot');
    return t.t('apiError', { code: err.code });
  }
  return t.t('apiError', { code: 'client' });
}
