import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badInput } from '../../domain/errors';
import { Measure } from '../../entities';
import { createToken, listTokens, revokeToken } from '../../services/auth';
import type { Context } from '../context';
import { parseGlobalId } from '../global-id';
import { ApiTokenType, CreateApiTokenInput, CreatedApiTokenType } from '../types/api-token';

function tokenId(id: string): number {
  if (!/^[0-9]{1,10}$/.test(id) || Number(id) > 2_147_483_647) {
    throw badInput(`"${id.slice(0, 40)}" is not a token id.`, { argument: 'id' });
  }
  return Number(id);
}

function measureId(id: string): number {
  try {
    return parseGlobalId(id, 'Measure').id;
  } catch {
    throw badInput(`"${id.slice(0, 60)}" is not a Measure.id.`, { argument: 'measureIds' });
  }
}

async function tokenById(ctx: Context, id: number): Promise<ApiTokenType> {
  const info = (await listTokens(ctx.db)).find((t) => t.id === id);
  if (!info) throw badInput(`No token #${id}.`, { argument: 'id' });
  return new ApiTokenType(info);
}

// Token administration over the API, admins only; the same service as `npm run token`.
@Resolver(() => ApiTokenType)
export class ApiTokenResolver {
  @Authorized('admin')
  @Query(() => [ApiTokenType], {
    description: 'Every bearer token, revoked ones included, oldest first (admins only).',
  })
  async apiTokens(@Ctx() ctx: Context): Promise<ApiTokenType[]> {
    return (await listTokens(ctx.db)).map((t) => new ApiTokenType(t));
  }

  @Authorized('admin')
  @Mutation(() => CreatedApiTokenType, {
    description: 'Creates a bearer token (admins only) and returns it, this once; only its hash is stored.',
  })
  async createApiToken(
    @Arg('input', () => CreateApiTokenInput, { description: 'Role, name and (editors) measures.' })
    input: CreateApiTokenInput,
    @Ctx() ctx: Context,
  ): Promise<CreatedApiTokenType> {
    const measureIds = (input.measureIds ?? []).map(measureId);
    if (input.allMeasures && measureIds.length > 0) {
      throw badInput('Give measureIds or allMeasures: true, not both.', { argument: 'input.allMeasures' });
    }
    const { id, token } = await createToken(ctx.db, {
      role: input.role,
      name: input.name,
      measureIds,
      editorNeedsMeasures: !input.allMeasures,
    });
    return new CreatedApiTokenType(token, await tokenById(ctx, id));
  }

  @Authorized('admin')
  @Mutation(() => ApiTokenType, {
    description: 'Revokes a bearer token (admins only): it is refused with 401 from now on. Revoking twice is refused.',
  })
  async revokeApiToken(
    @Arg('id', () => ID, { description: 'ApiToken.id.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<ApiTokenType> {
    const numeric = tokenId(id);
    if (!(await revokeToken(ctx.db, numeric))) throw badInput(`No valid token #${numeric}.`, { argument: 'id' });
    return tokenById(ctx, numeric);
  }

  @FieldResolver(() => [Measure], { description: 'The measures an editor may write to; empty = every measure.' })
  async measures(@Root() token: ApiTokenType, @Ctx() ctx: Context): Promise<Measure[]> {
    const found = await ctx.loaders.measure.loadMany(token.data.measureIds);
    return found.filter((m): m is Measure => m instanceof Measure);
  }
}
