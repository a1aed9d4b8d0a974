import type { SqlClient } from '@erpcore/eventstore';

/** How often PostgreSQL planned a statement prepared on a connection: generic and custom plans. */
export interface PlanCounts {
  readonly generic_plans: string;
  readonly custom_plans: string;
}

/**
 * The plan counts of the statements prepared on `client`'s connection (a client of one
 * connection: the counts are that connection's) whose text `matches`.
 */
export const preparedPlans = async (
  client: SqlClient,
  matches: (statement: string) => boolean,
): Promise<PlanCounts[]> => {
  const { rows } = await client.query<PlanCounts & { statement: string }>(
    'select statement, generic_plans::text, custom_plans::text from pg_prepared_statements',
  );
  return rows
    .filter((r) => matches(r.statement))
    .map((r) => ({ generic_plans: r.generic_plans, custom_plans: r.custom_plans }));
};
