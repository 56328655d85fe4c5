import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { moveActual, moveActuals, recordActual } from '../../services/actuals';
import { importActualsCsv } from '../../services/actuals-csv';
import type { Context } from '../context';
import { ActualType, actualType } from '../types/actual';
import { ImportActualsResult, RecordActualInput } from '../types/actual-inputs';

// Roles: editors record and submit (within their measures); approvers approve and return; admins do all.

@Resolver()
export class MutationResolver {
  @Authorized('editor', 'admin')
  @Mutation(() => ActualType, {
    description:
      'Records an achieved value: a new actual (revision 1, DRAFT) or a new revision of an existing one ' +
      '(pass expectedRevision). A new revision of an approved actual goes through review again.',
  })
  recordActual(
    @Arg('input', () => RecordActualInput, { description: 'The value to record.' }) input: RecordActualInput,
    @Ctx() ctx: Context,
  ): Promise<ActualType> {
    return recordActual(ctx, input).then(actualType);
  }

  @Authorized('editor', 'admin')
  @Mutation(() => ActualType, { description: 'Submits a DRAFT actual for review (→ SUBMITTED).' })
  submitActual(
    @Arg('id', () => ID, { description: 'Global ID of the actual.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<ActualType> {
    return moveActual(ctx, id, 'submit').then(actualType);
  }

  @Authorized('approver', 'admin')
  @Mutation(() => ActualType, {
    description:
      'Approves a SUBMITTED actual (→ APPROVED, visible to the public). Nobody approves a value they recorded.',
  })
  approveActual(
    @Arg('id', () => ID, { description: 'Global ID of the actual.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<ActualType> {
    return moveActual(ctx, id, 'approve').then(actualType);
  }

  @Authorized('editor', 'admin')
  @Mutation(() => [ActualType], {
    description:
      'Submits many DRAFT actuals (→ SUBMITTED), each checked as submitActual; all or none (one transaction). ' +
      'An error names the id that failed (ids[i]) and why.',
  })
  submitActuals(
    @Arg('ids', () => [ID], { description: 'Global IDs of the actuals (1 to 500, no repeats).' }) ids: string[],
    @Ctx() ctx: Context,
  ): Promise<ActualType[]> {
    return moveActuals(ctx, ids, 'submit').then((list) => list.map(actualType));
  }

  @Authorized('approver', 'admin')
  @Mutation(() => [ActualType], {
    description:
      'Approves many SUBMITTED actuals (→ APPROVED), each checked as approveActual (nobody approves what they ' +
      'recorded); all or none (one transaction). An error names the id that failed (ids[i]) and why.',
  })
  approveActuals(
    @Arg('ids', () => [ID], { description: 'Global IDs of the actuals (1 to 500, no repeats).' }) ids: string[],
    @Ctx() ctx: Context,
  ): Promise<ActualType[]> {
    return moveActuals(ctx, ids, 'approve').then((list) => list.map(actualType));
  }

  @Authorized('approver', 'admin')
  @Mutation(() => ActualType, { description: 'Returns a SUBMITTED actual to DRAFT, with the reason.' })
  returnActual(
    @Arg('id', () => ID, { description: 'Global ID of the actual.' }) id: string,
    @Arg('reason', { description: 'Why it is returned (1 to 2000 characters).' }) reason: string,
    @Ctx() ctx: Context,
  ): Promise<ActualType> {
    return moveActual(ctx, id, 'return', reason).then(actualType);
  }

  @Authorized('editor', 'admin')
  @Mutation(() => ImportActualsResult, {
    description:
      'Records many actuals from CSV (columns indicator_id or plan_code + indicator_name, fiscal_year (2021, FY2021, ' +
      'R3 or 令和3年度), value, note, expected_revision). Every row is validated, each error naming its column; without ' +
      'dryRun all rows are written in one transaction, or none. Rows with an empty value (an unfilled template ' +
      'row, see exportActuals(template: true)) are skipped.',
  })
  importActuals(
    @Arg('csv', { description: 'The CSV text, with a header row (at most 5000 rows).' }) csv: string,
    @Arg('dryRun', { defaultValue: true, description: 'Validate only (the default); false to write.' }) dryRun: boolean,
    @Ctx() ctx: Context,
  ): Promise<ImportActualsResult> {
    return importActualsCsv(ctx, csv, dryRun);
  }
}
