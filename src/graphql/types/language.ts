import { registerEnumType } from 'type-graphql';
import { LANGUAGES, type Language as LanguageValue } from '../../domain/explanation';

/** The languages of explanations (the domain's LANGUAGES), as a GraphQL enum. */
export const Language = Object.fromEntries(LANGUAGES.map((l) => [l, l])) as { [K in LanguageValue]: K };
export type Language = LanguageValue;
registerEnumType(Language, {
  name: 'Language',
  description: 'The language of a sentence the API writes (progress explanations); plan texts stay as printed.',
  valuesConfig: {
    EN: { description: 'English.' },
    JA: { description: 'Japanese (日本語), with Japanese fiscal years (令和3年度).' },
  },
});
