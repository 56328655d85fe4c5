import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A closing of a plan's fiscal year (measureId null: the whole plan); open until it is reopened. */
@Entity({ name: 'fiscal_year_closing' })
export class FiscalYearClosing {
  @PrimaryGeneratedColumn({ name: 'id' })
  id!: number;

  @Column({ name: 'plan_id', type: 'int' })
  planId!: number;

  @Column({ name: 'fiscal_year', type: 'int' })
  fiscalYear!: number;

  @Column({ name: 'measure_id', type: 'int', nullable: true })
  measureId!: number | null;

  @Column({ name: 'closed_at', type: 'timestamptz' })
  closedAt!: Date;

  /** Name of the token that closed it. */
  @Column({ name: 'closed_by', type: 'text' })
  closedBy!: string;

  @Column({ name: 'closed_by_token_id', type: 'int', nullable: true })
  closedByTokenId!: number | null;

  @Column({ name: 'reason', type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'reopened_at', type: 'timestamptz', nullable: true })
  reopenedAt!: Date | null;

  @Column({ name: 'reopened_by', type: 'text', nullable: true })
  reopenedBy!: string | null;

  @Column({ name: 'reopened_by_token_id', type: 'int', nullable: true })
  reopenedByTokenId!: number | null;

  @Column({ name: 'reopen_reason', type: 'text', nullable: true })
  reopenReason!: string | null;
}
