import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from './node';

@ObjectType({
  implements: Node,
  description: '重点事業 (計画事業): a key project under one or more measures, with performance targets.',
})
@Entity({ name: 'project' })
export class Project extends Node {
  @PrimaryGeneratedColumn({ name: 'id' })
  override id!: number;

  get nodeType(): 'Project' {
    return 'Project';
  }

  @Column({ name: 'plan_id', type: 'int' })
  planId!: number;

  @Column({ name: 'position', type: 'int' })
  position!: number;

  @Field({ description: 'Project title (事業名) without the 【再掲】 mark.' })
  @Column({ name: 'title', type: 'text' })
  title!: string;

  @Field(() => [String], {
    description: '実施方針: the approach, one entry per bullet item in order; trailing prose is the last entry.',
  })
  @Column({ name: 'approach', type: 'text', array: true })
  approach!: string[];

  @Field(() => Int, {
    nullable: true,
    description: 'When the project is printed again (【再掲 (P150)】), the page of the original printing.',
  })
  @Column({ name: 'repost_page', type: 'int', nullable: true })
  repostPage!: number | null;
}
