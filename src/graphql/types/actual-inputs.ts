import { ArrayMaxSize, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { FootnoteCategory } from '../../entities/enums';

@InputType({ description: 'A footnote explaining an actual, e.g. a COVID-19 effect.' })
export class ActualFootnoteInput {
  @Field({ description: 'The footnote text.' })
  text!: string;

  @Field(() => FootnoteCategory, {
    nullable: true,
    description: 'Its category; when omitted it is read from the text (コロナ → COVID_ADJUSTMENT …).',
  })
  category?: FootnoteCategory | null;
}

@InputType({ description: 'An achieved value to record for one indicator and fiscal year.' })
export class RecordActualInput {
  @Field(() => ID, { description: 'Global ID of the indicator.' })
  indicatorId!: string;

  @Field(() => Int, { description: 'Fiscal year (Gregorian start year, e.g. 2021 for 令和3年度); within the plan.' })
  fiscalYear!: number;

  @Field({
    description:
      'The value as text in the plan’s value grammar: "84.0%", "156千件" (scaled to 156000 件), "実施", "一部実施". ' +
      'Its unit must match the indicator’s after scaling.',
  })
  @MaxLength(200)
  value!: string;

  @Field(() => String, { nullable: true, description: 'A note on the value (at most 2000 characters).' })
  note?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'The revision you are revising (the actual’s `revision`); required when an actual exists, omit (or 0) for a ' +
      'new one. A stale number gets CONFLICT and writes nothing.',
  })
  @Min(0)
  expectedRevision?: number | null;

  @Field(() => [ActualFootnoteInput], { nullable: true, description: 'Footnotes explaining the value (at most 10).' })
  @ArrayMaxSize(10)
  footnotes?: ActualFootnoteInput[] | null;
}

@ObjectType({ description: 'A problem with one row of an actuals CSV.' })
export class ActualCsvRowError {
  @Field(() => Int, { description: 'Line of the CSV text (the header is line 1).' })
  line!: number;

  @Field(() => String, { nullable: true, description: 'The column at fault, if one is.' })
  column!: string | null;

  @Field({ description: 'A machine-readable code: UNIT_MISMATCH, CONFLICT, NOT_FOUND, FORBIDDEN …' })
  code!: string;

  @Field({ description: 'What is wrong, in a sentence.' })
  message!: string;
}

@ObjectType({ description: 'The outcome of importActuals: per-row errors, and what was (or would be) written.' })
export class ImportActualsResult {
  @Field({ description: 'True when this was a dry run: nothing was written.' })
  dryRun!: boolean;

  @Field({
    description: 'True when the rows were written: not a dry run, no row had an error and at least one had a value.',
  })
  applied!: boolean;

  @Field(() => Int, { description: 'Data rows read.' })
  rows!: number;

  @Field(() => Int, { description: 'Rows that create a new actual.' })
  created!: number;

  @Field(() => Int, { description: 'Rows that add a revision to an existing actual.' })
  revised!: number;

  @Field(() => Int, { description: 'Rows equal to the current value and note: nothing to do.' })
  unchanged!: number;

  @Field(() => Int, {
    description: 'Rows left with an empty value (a template’s unfilled cells): skipped, nothing written for them.',
  })
  skipped!: number;

  @Field(() => [ActualCsvRowError], { description: 'Every problem found; any error means nothing was written.' })
  errors!: ActualCsvRowError[];

  @Field({
    description: 'What happened, in a sentence, e.g. "Nothing written: every one of the 63 rows has an empty value".',
  })
  summary!: string;
}
