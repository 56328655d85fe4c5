import { DefaultNamingStrategy } from 'typeorm';

/**
 * Every column is named explicitly in snake_case; this keeps embedded columns the same way
 * (Target.value.raw → value_raw) instead of TypeORM's default camel-casing (valueRaw).
 */
export class SnakeEmbeddedNamingStrategy extends DefaultNamingStrategy {
  override columnName(propertyName: string, customName: string | undefined, embeddedPrefixes: string[]): string {
    return [...embeddedPrefixes, customName ?? propertyName].join('_');
  }
}
