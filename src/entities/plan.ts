import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { Node } from './node';

@ObjectType({
  implements: Node,
  description: 'A multi-year plan (e.g. an implementation plan of a city), imported from its source document.',
})
@Entity({ name: 'plan' })
export class Plan extends Node {
  @PrimaryGeneratedColumn({ name: 'id' })
  override id!: number;

  get nodeType(): 'Plan' {
    return 'Plan';
  }

  @Field({ description: 'Short code that names the plan in filters and commands, e.g. "arakawa".' })
  @Column({ name: 'code', type: 'text' })
  code!: string;

  @Field({ description: 'Title of the plan (or of the imported chapter).' })
  @Column({ name: 'title', type: 'text' })
  title!: string;

  /** Gregorian start year of the 本年度(見込み) column; exposed as FiscalYear by the resolver. */
  @Column({ name: 'base_year', type: 'int' })
  baseYear!: number;

  /** Fiscal years of the plan's own period (実施計画), ascending. */
  @Column({ name: 'plan_years', type: 'int', array: true })
  planYears!: number[];

  @Column({ name: 'final_year', type: 'int' })
  finalYear!: number;

  @Field(() => [String], {
    description:
      'What the import could not read, found ambiguous or had to infer, one sentence each. Empty when the ' +
      'document was read without doubt.',
  })
  @Column({ name: 'import_warnings', type: 'text', array: true })
  importWarnings!: string[];

  /** The plan this one follows as the next term (import --previous); null for a first term. */
  @Column({ name: 'previous_plan_id', type: 'int', nullable: true })
  previousPlanId!: number | null;

  @Field({ description: 'File name of the imported source document.' })
  @Column({ name: 'source_name', type: 'text' })
  sourceName!: string;

  @Field({ description: 'SHA-256 of the imported source text: a re-import of the same text changes nothing.' })
  @Column({ name: 'source_sha256', type: 'text' })
  sourceSha256!: string;

  @Field({ description: 'When the plan was (last) imported.' })
  @CreateDateColumn({ name: 'imported_at', type: 'timestamptz' })
  importedAt!: Date;
}
