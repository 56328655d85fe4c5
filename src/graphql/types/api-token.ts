import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ROLES, type Role } from '../../domain/vocabulary';
import type { TokenInfo } from '../../services/auth';

/** The domain's ROLES as a GraphQL enum: EDITOR → 'editor' (one vocabulary, upper-cased for GraphQL). */
export const ApiTokenRole = Object.fromEntries(ROLES.map((r) => [r.toUpperCase(), r])) as {
  [K in Role as Uppercase<K>]: K;
};
registerEnumType(ApiTokenRole, {
  name: 'ApiTokenRole',
  description: 'What the holder of a bearer token may do.',
  valuesConfig: {
    EDITOR: { description: 'Records and submits actuals, on the measures of the token.' },
    APPROVER: { description: 'Approves and returns submitted actuals; closes fiscal years.' },
    ADMIN: { description: 'Everything, including tokens and webhooks.' },
  },
});

@InputType({ description: 'A bearer token to create (admins only).' })
export class CreateApiTokenInput {
  @Field(() => ApiTokenRole, { description: 'Its role.' })
  role!: Role;

  @Field({ description: 'Who or what holds it (1 to 100 characters), e.g. "財政課 山田".' })
  name!: string;

  @Field(() => [ID], {
    nullable: true,
    description: 'Measure.id of the measures an editor may write to: required for EDITOR, refused for the others.',
  })
  measureIds?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'EDITOR only: true for an editor on every measure, present and future, instead of measureIds (as ' +
      '`npm run token -- create --role editor` without --measure).',
  })
  allMeasures?: boolean | null;
}

@ObjectType('ApiToken', { description: 'A bearer token (admins only). The token itself is never shown again.' })
export class ApiTokenType {
  constructor(readonly data: TokenInfo) {}

  @Field(() => ID, { description: 'Token id (revokeApiToken, npm run token -- revoke).' })
  get id(): string {
    return String(this.data.id);
  }

  @Field({ description: 'Who or what holds it.' })
  get name(): string {
    return this.data.name;
  }

  @Field(() => ApiTokenRole, { description: 'Its role.' })
  get role(): Role {
    return this.data.role;
  }

  @Field(() => Date, { description: 'When it was created.' })
  get createdAt(): Date {
    return this.data.createdAt;
  }

  @Field(() => Date, { nullable: true, description: 'When it was revoked; null while it is valid.' })
  get revokedAt(): Date | null {
    return this.data.revokedAt;
  }
}

@ObjectType('CreatedApiToken', { description: 'A token just created: the token is shown here only, once.' })
export class CreatedApiTokenType {
  constructor(token: string, apiToken: ApiTokenType) {
    this.token = token;
    this.apiToken = apiToken;
  }

  @Field({ description: 'The bearer token (send "Authorization: Bearer <token>"). Only its hash is stored.' })
  token: string;

  @Field(() => ApiTokenType, { description: 'The token as apiTokens lists it.' })
  apiToken: ApiTokenType;
}
