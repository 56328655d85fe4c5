import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { Direction, IndicatorKind } from './enums';
import { Node } from './node';

@ObjectType({
  implements: Node,
  description:
    'One row of a plan table: an outcome indicator (成果指標) of measures or a performance target (実績目標) of ' +
    'projects, with its baseline estimate and yearly targets. A row printed under several measures is one indicator.',
})
@Entity({ name: 'indicator' })
export class Indicator extends Node {
  @PrimaryGeneratedColumn({ name: 'id' })
  override id!: number;

  get nodeType(): 'Indicator' {
    return 'Indicator';
  }

  @Column({ name: 'plan_id', type: 'int' })
  planId!: number;

  @Column({ name: 'position', type: 'int' })
  position!: number;

  /** The previous term's indicator this one continues (set by the import with --previous). */
  @Column({ name: 'predecessor_id', type: 'int', nullable: true })
  predecessorId!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the import matched this indicator to its predecessor, one sentence; null without one.',
  })
  @Column({ name: 'lineage_reason', type: 'text', nullable: true })
  lineageReason!: string | null;

  @Field({ description: 'Indicator name as printed, without footnote markers and 【再掲】.' })
  @Column({ name: 'name', type: 'text' })
  name!: string;

  @Field(() => IndicatorKind, { description: 'OUTCOME (成果指標 of a measure) or OUTPUT (実績目標 of a project).' })
  @Column({ name: 'kind', type: 'text' })
  kind!: IndicatorKind;

  @Field(() => String, { nullable: true, description: 'Base unit of the numeric cells (%, 件, ㎡, 円 …), if any.' })
  @Column({ name: 'unit', type: 'text', nullable: true })
  unit!: string | null;

  @Field({ description: 'True for running totals (累計): years are compared as totals, never summed.' })
  @Column({ name: 'cumulative', type: 'boolean', default: false })
  cumulative!: boolean;

  @Field(() => Direction, {
    description: 'Which way is better: inferred from the data, corrected by curated overrides.',
  })
  @Column({ name: 'direction', type: 'text' })
  direction!: Direction;

  @Field(() => String, {
    nullable: true,
    description: 'For grouped rows (e.g. the facility-rebuild schedule), the group heading such as the area.',
  })
  @Column({ name: 'group_name', type: 'text', nullable: true })
  group!: string | null;

  @Field(() => [String], {
    description:
      'Cells printed in a column without a fiscal-year label (the document’s unlabeled fifth column), raw text in ' +
      'column order. Kept so nothing of the source is lost; an import warning names the table.',
  })
  @Column({ name: 'unlabeled_cells', type: 'text', array: true, default: () => "'{}'" })
  unlabeledCells!: string[];
}
