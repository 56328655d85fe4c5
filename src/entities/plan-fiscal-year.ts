import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The fiscal years a plan covers (base year to final year); targets reference it, so a cell can't name another year. */
@Entity({ name: 'plan_fiscal_year' })
export class PlanFiscalYear {
  @PrimaryColumn({ name: 'plan_id', type: 'int' })
  planId!: number;

  @PrimaryColumn({ name: 'year', type: 'int' })
  year!: number;

  @Column({ name: 'label', type: 'text' })
  label!: string;

  /** The reporting deadline of the year's actuals ('YYYY-MM-DD'), set by an admin; null when none is set. */
  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate!: string | null;
}
