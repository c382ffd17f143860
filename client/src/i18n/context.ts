import { createContext, useContext } from 'react';
import { i18n, type I18n } from './format.ts';

export const I18nContext = createContext<I18n>(i18n('fi'));

/** The translator and formatters of the language the user chose. */
export const useI18n = (): I18n => useContext(I18nContext);
