import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Footnote } from './footnote';
import { Indicator } from './indicator';
import { Measure } from './measure';
import { Project } from './project';
import { Target } from './target';

// Link tables of the many-to-many relations. Loaders query them with the far side joined in the same
// statement, so each relation costs one SQL statement per request level, never one per row.

@Entity({ name: 'measure_indicator' })
export class MeasureIndicator {
  @PrimaryColumn({ name: 'measure_id', type: 'int' })
  measureId!: number;

  @PrimaryColumn({ name: 'indicator_id', type: 'int' })
  indicatorId!: number;

  @Column({ name: 'plan_id', type: 'int' })
  planId!: number;

  @Column({ name: 'position', type: 'int' })
  position!: number;

  @ManyToOne(() => Measure, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'measure_id' })
  measure!: Measure;

  @ManyToOne(() => Indicator, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'indicator_id' })
  indicator!: Indicator;
}

@Entity({ name: 'measure_project' })
export class MeasureProject {
  @PrimaryColumn({ name: 'measure_id', type: 'int' })
  measureId!: number;

  @PrimaryColumn({ name: 'project_id', type: 'int' })
  projectId!: number;

  @Column({ name: 'plan_id', type: 'int' })
  planId!: number;

  @Column({ name: 'position', type: 'int' })
  position!: number;

  @ManyToOne(() => Measure, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'measure_id' })
  measure!: Measure;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project!: Project;
}

@Entity({ name: 'project_indicator' })
export class ProjectIndicator {
  @PrimaryColumn({ name: 'project_id', type: 'int' })
  projectId!: number;

  @PrimaryColumn({ name: 'indicator_id', type: 'int' })
  indicatorId!: number;

  @Column({ name: 'plan_id', type: 'int' })
  planId!: number;

  @Column({ name: 'position', type: 'int' })
  position!: number;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project!: Project;

  @ManyToOne(() => Indicator, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'indicator_id' })
  indicator!: Indicator;
}

@Entity({ name: 'target_footnote' })
export class TargetFootnote {
  @PrimaryColumn({ name: 'target_id', type: 'int' })
  targetId!: number;

  @PrimaryColumn({ name: 'footnote_id', type: 'int' })
  footnoteId!: number;

  @Column({ name: 'plan_id', type: 'int' })
  planId!: number;

  @ManyToOne(() => Target, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_id' })
  target!: Target;

  @ManyToOne(() => Footnote, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'footnote_id' })
  footnote!: Footnote;
}

@Entity({ name: 'indicator_footnote' })
export class IndicatorFootnote {
  @PrimaryColumn({ name: 'indicator_id', type: 'int' })
  indicatorId!: number;

  @PrimaryColumn({ name: 'footnote_id', type: 'int' })
  footnoteId!: number;

  @Column({ name: 'plan_id', type: 'int' })
  planId!: number;

  @ManyToOne(() => Indicator, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'indicator_id' })
  indicator!: Indicator;

  @ManyToOne(() => Footnote, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'footnote_id' })
  footnote!: Footnote;
}
