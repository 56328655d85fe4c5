import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { FootnoteCategory } from './enums';
import { Node } from './node';

@ObjectType({
  implements: Node,
  description:
    'A footnote (※N) printed under a table, tied to the exact cells and rows that carry its marker. Markers are ' +
    'local to their table: two tables may each have a ※1.',
})
@Entity({ name: 'footnote' })
export class Footnote extends Node {
  @PrimaryGeneratedColumn({ name: 'id' })
  override id!: number;

  get nodeType(): 'Footnote' {
    return 'Footnote';
  }

  @Column({ name: 'plan_id', type: 'int' })
  planId!: number;

  /** Set when the footnote is printed under a measure's outcome table. */
  @Column({ name: 'measure_id', type: 'int', nullable: true })
  measureId!: number | null;

  /** Set when the footnote is printed under a project's target table. */
  @Column({ name: 'project_id', type: 'int', nullable: true })
  projectId!: number | null;

  /** Set when the footnote explains an actual (one revision of it). */
  @Column({ name: 'actual_revision_id', type: 'int', nullable: true })
  actualRevisionId!: number | null;

  @Field({ description: 'The marker, normalised (※１, (※1) → ※1).' })
  @Column({ name: 'marker', type: 'text' })
  marker!: string;

  @Field({ description: 'The footnote text as printed.' })
  @Column({ name: 'text', type: 'text' })
  text!: string;

  @Field(() => FootnoteCategory, { description: 'What the footnote explains; COVID_ADJUSTMENT for COVID-19 effects.' })
  @Column({ name: 'category', type: 'text' })
  category!: FootnoteCategory;
}
