import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { TargetRole } from './enums';
import { Node } from './node';
import { PlanValue } from './plan-value';

@ObjectType({
  implements: Node,
  description: 'One cell of an indicator row: the value the plan sets (or estimates) for one fiscal year.',
})
@Entity({ name: 'target' })
export class Target extends Node {
  @PrimaryGeneratedColumn({ name: 'id' })
  override id!: number;

  get nodeType(): 'Target' {
    return 'Target';
  }

  @Column({ name: 'plan_id', type: 'int' })
  planId!: number;

  @Column({ name: 'indicator_id', type: 'int' })
  indicatorId!: number;

  /** Gregorian start year; exposed as FiscalYear by the resolver. */
  @Column({ name: 'fiscal_year', type: 'int' })
  fiscalYear!: number;

  @Field(() => TargetRole, { description: 'BASELINE_ESTIMATE for 本年度(見込み), TARGET otherwise.' })
  @Column({ name: 'role', type: 'text' })
  role!: TargetRole;

  @Field(() => PlanValue, { description: 'The typed reading of the cell, with its raw text.' })
  @Column(() => PlanValue, { prefix: 'value' })
  value!: PlanValue;
}
