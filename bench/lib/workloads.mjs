// The five workloads: for each, our query, the equivalent PostGraphile query, a normaliser that maps
// PostGraphile's answer to our shape, and (workloads 1-3) the floor: one hand-written SQL statement that
// returns the same JSON as our API. Equality of all three is checked before anything is timed.

import { Kind, parse, print } from 'graphql';

/**
 * Splices named fragments into the selections that spread them. Our server counts a fragment as a level of
 * depth (limit 12); the inlined query asks for exactly the same fields.
 */
export function inlineFragments(query) {
  const doc = parse(query);
  const fragments = new Map(
    doc.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const flatten = (set) => ({
    ...set,
    selections: set.selections.flatMap((s) =>
      s.kind === Kind.FRAGMENT_SPREAD
        ? flatten(fragments.get(s.name.value).selectionSet).selections
        : s.selectionSet
          ? [{ ...s, selectionSet: flatten(s.selectionSet) }]
          : [s],
    ),
  });
  return print({
    ...doc,
    definitions: doc.definitions
      .filter((d) => d.kind !== Kind.FRAGMENT_DEFINITION)
      .map((d) => ({ ...d, selectionSet: flatten(d.selectionSet) })),
  });
}

const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
/** Our global IDs (graphql-relay): base64("Type:id"). */
export const globalId = (type, id) => b64(`${type}:${id}`);

// ---------------------------------------------------------------- our queries
const OURS_FRAGMENTS = `
fragment Val on PlanValue { raw kind number unit comparator text note }
fragment Ind on Indicator {
  id name kind unit direction cumulative
  footnotes { marker category }
  targets { id role fiscalYear { year label } value { ...Val } footnotes { marker category } }
}
fragment PolicyTree on Policy {
  number title
  measures {
    position title
    footnotes { marker text category }
    outcomeIndicators { ...Ind }
    projects { title repostPage footnotes { marker text category } indicators { ...Ind } }
  }
}`;

// ---------------------------------------------------------------- PostGraphile queries
const PGL_FRAGMENTS = `
fragment Val on Target { valueRaw valueKind valueNumber valueUnit valueComparator valueText valueNote }
fragment Ind on Indicator {
  rowId name kind unit direction cumulative
  indicatorFootnotesByIndicatorIdAndPlanId { nodes { footnoteByFootnoteIdAndPlanId { marker category } } }
  targetsByIndicatorIdAndPlanId(orderBy: FISCAL_YEAR_ASC) { nodes {
    rowId role fiscalYear planFiscalYearByPlanIdAndFiscalYear { label } ...Val
    targetFootnotesByTargetIdAndPlanId { nodes { footnoteByFootnoteIdAndPlanId { marker category } } }
  } }
}
fragment PolicyTree on Policy {
  number title
  measuresByPolicyIdAndPlanId(orderBy: POSITION_ASC) { nodes {
    position title
    footnotesByMeasureIdAndPlanId(orderBy: MARKER_ASC) { nodes { marker text category } }
    measureIndicatorsByMeasureIdAndPlanId(orderBy: POSITION_ASC) { nodes { indicatorByIndicatorIdAndPlanId { ...Ind } } }
    measureProjectsByMeasureIdAndPlanId(orderBy: POSITION_ASC) { nodes { projectByProjectIdAndPlanId {
      title repostPage
      footnotesByProjectIdAndPlanId(orderBy: MARKER_ASC) { nodes { marker text category } }
      projectIndicatorsByProjectIdAndPlanId(orderBy: POSITION_ASC) { nodes { indicatorByIndicatorIdAndPlanId { ...Ind } } }
    } } }
  } }
}`;

// ---------------------------------------------------------------- normalisers (to our shape)
const byMarker = (a, b) => (a.marker < b.marker ? -1 : a.marker > b.marker ? 1 : 0);
const sortFootnotes = (list) => [...list].sort(byMarker);
const pglFootnotes = (conn) => sortFootnotes(conn.nodes.map((n) => n.footnoteByFootnoteIdAndPlanId));
const pglValue = (t) =>
  t && {
    raw: t.valueRaw,
    kind: t.valueKind,
    number: t.valueNumber,
    unit: t.valueUnit,
    comparator: t.valueComparator,
    text: t.valueText,
    note: t.valueNote,
  };
const pglTarget = (t) => ({
  id: globalId('Target', t.rowId),
  role: t.role,
  fiscalYear: { year: t.fiscalYear, label: t.planFiscalYearByPlanIdAndFiscalYear.label },
  value: pglValue(t),
  footnotes: pglFootnotes(t.targetFootnotesByTargetIdAndPlanId),
});
const pglIndicator = (i) => ({
  id: globalId('Indicator', i.rowId),
  name: i.name,
  kind: i.kind,
  unit: i.unit,
  direction: i.direction,
  cumulative: i.cumulative,
  footnotes: pglFootnotes(i.indicatorFootnotesByIndicatorIdAndPlanId),
  targets: i.targetsByIndicatorIdAndPlanId.nodes.map(pglTarget),
});
const pglPolicy = (p) => ({
  number: p.number,
  title: p.title,
  measures: p.measuresByPolicyIdAndPlanId.nodes.map((m) => ({
    position: m.position,
    title: m.title,
    footnotes: m.footnotesByMeasureIdAndPlanId.nodes,
    outcomeIndicators: m.measureIndicatorsByMeasureIdAndPlanId.nodes.map((n) =>
      pglIndicator(n.indicatorByIndicatorIdAndPlanId),
    ),
    projects: m.measureProjectsByMeasureIdAndPlanId.nodes.map(({ projectByProjectIdAndPlanId: pr }) => ({
      title: pr.title,
      repostPage: pr.repostPage,
      footnotes: pr.footnotesByProjectIdAndPlanId.nodes,
      indicators: pr.projectIndicatorsByProjectIdAndPlanId.nodes.map((n) =>
        pglIndicator(n.indicatorByIndicatorIdAndPlanId),
      ),
    })),
  })),
});
/** Our answers only get their unordered lists (footnotes, targets) sorted. */
const oursIndicator = (i) => ({
  ...i,
  footnotes: sortFootnotes(i.footnotes),
  targets: [...i.targets]
    .sort((a, b) => a.fiscalYear.year - b.fiscalYear.year)
    .map((t) => ({ ...t, footnotes: sortFootnotes(t.footnotes) })),
});
const oursPolicy = (p) => ({
  ...p,
  measures: p.measures.map((m) => ({
    ...m,
    footnotes: sortFootnotes(m.footnotes),
    outcomeIndicators: m.outcomeIndicators.map(oursIndicator),
    projects: m.projects.map((pr) => ({
      ...pr,
      footnotes: sortFootnotes(pr.footnotes),
      indicators: pr.indicators.map(oursIndicator),
    })),
  })),
});

// ---------------------------------------------------------------- floor SQL pieces
const SQL_VALUE = (t) => `json_build_object('raw', ${t}.value_raw, 'kind', ${t}.value_kind, 'number', ${t}.value_number,
  'unit', ${t}.value_unit, 'comparator', ${t}.value_comparator, 'text', ${t}.value_text, 'note', ${t}.value_note)`;
const SQL_GID = (type, col) => `encode(convert_to('${type}:' || ${col}, 'UTF8'), 'base64')`;
const SQL_TARGET_JSON = `json_build_object('id', ${SQL_GID('Target', 't.id')}, 'role', t.role,
  'fiscalYear', json_build_object('year', t.fiscal_year, 'label', fy.label), 'value', ${SQL_VALUE('t')},
  'footnotes', coalesce((SELECT json_agg(json_build_object('marker', f.marker, 'category', f.category) ORDER BY f.marker)
                           FROM target_footnote tf JOIN footnote f ON f.id = tf.footnote_id WHERE tf.target_id = t.id), '[]'))`;
/**
 * The policy tree of the policies selected by `policyWhere` (alias po), as our API returns it: one statement.
 * `ind` holds the JSON of every indicator in the subtree once (an indicator can sit under several measures).
 */
const SQL_POLICY_TREE = (policyWhere) => `
WITH pol AS MATERIALIZED (SELECT po.* FROM policy po WHERE ${policyWhere}),
ms AS MATERIALIZED (SELECT m.* FROM measure m WHERE m.policy_id IN (SELECT id FROM pol)),
ids AS MATERIALIZED (
  SELECT mi.indicator_id AS id FROM measure_indicator mi WHERE mi.measure_id IN (SELECT id FROM ms)
  UNION
  SELECT pi.indicator_id FROM measure_project mp JOIN project_indicator pi ON pi.project_id = mp.project_id
   WHERE mp.measure_id IN (SELECT id FROM ms)),
tj AS MATERIALIZED (
  SELECT t.indicator_id, json_agg(${SQL_TARGET_JSON} ORDER BY t.fiscal_year) AS j
    FROM target t JOIN plan_fiscal_year fy ON fy.plan_id = t.plan_id AND fy.year = t.fiscal_year
   WHERE t.indicator_id IN (SELECT id FROM ids) GROUP BY t.indicator_id),
ind AS MATERIALIZED (
  SELECT i.id, json_build_object('id', ${SQL_GID('Indicator', 'i.id')}, 'name', i.name, 'kind', i.kind, 'unit', i.unit,
    'direction', i.direction, 'cumulative', i.cumulative,
    'footnotes', coalesce((SELECT json_agg(json_build_object('marker', f.marker, 'category', f.category) ORDER BY f.marker)
                             FROM indicator_footnote x JOIN footnote f ON f.id = x.footnote_id WHERE x.indicator_id = i.id), '[]'),
    'targets', coalesce(tj.j, '[]')) AS j
    FROM indicator i LEFT JOIN tj ON tj.indicator_id = i.id WHERE i.id IN (SELECT id FROM ids))
SELECT coalesce(json_agg(json_build_object('number', po.number, 'title', po.title, 'measures', (
  SELECT coalesce(json_agg(json_build_object('position', m.position, 'title', m.title,
    'footnotes', coalesce((SELECT json_agg(json_build_object('marker', f.marker, 'text', f.text, 'category', f.category) ORDER BY f.marker)
                             FROM footnote f WHERE f.measure_id = m.id), '[]'),
    'outcomeIndicators', coalesce((SELECT json_agg(ind.j ORDER BY mi.position) FROM measure_indicator mi JOIN ind ON ind.id = mi.indicator_id
                                    WHERE mi.measure_id = m.id), '[]'),
    'projects', coalesce((SELECT json_agg(json_build_object('title', pr.title, 'repostPage', pr.repost_page,
        'footnotes', coalesce((SELECT json_agg(json_build_object('marker', f.marker, 'text', f.text, 'category', f.category) ORDER BY f.marker)
                                 FROM footnote f WHERE f.project_id = pr.id), '[]'),
        'indicators', coalesce((SELECT json_agg(ind.j ORDER BY pi.position) FROM project_indicator pi JOIN ind ON ind.id = pi.indicator_id
                                 WHERE pi.project_id = pr.id), '[]')) ORDER BY mp.position)
        FROM measure_project mp JOIN project pr ON pr.id = mp.project_id WHERE mp.measure_id = m.id), '[]'))
    ORDER BY m.position), '[]')
    FROM ms m WHERE m.policy_id = po.id)) ORDER BY po.number), '[]') AS policies
  FROM pol po`;

// ---------------------------------------------------------------- workloads
/**
 * Each workload: `defaultSize`; `params(ctx)` → variables (ctx: planCode, planId and ids picked from the
 * database); ours / pgl: { query, variables } or a list of them (a batch); toOurs(pglData); floor SQL.
 */
export const WORKLOADS = {
  1: {
    name: 'whole plan tree',
    defaultSize: 'S',
    ours: (p) => ({
      query: `${OURS_FRAGMENTS}\nquery W1($code: String!) { plan(code: $code) { code title policies { ...PolicyTree } } }`,
      variables: { code: p.planCode },
    }),
    pgl: (p) => ({
      query: `${PGL_FRAGMENTS}\nquery W1($code: String!) { planByCode(code: $code) { code title policiesByPlanId(orderBy: NUMBER_ASC) { nodes { ...PolicyTree } } } }`,
      variables: { code: p.planCode },
    }),
    normOurs: (d) => ({ plan: { ...d.plan, policies: d.plan.policies.map(oursPolicy) } }),
    normPgl: (d) => ({
      plan: {
        code: d.planByCode.code,
        title: d.planByCode.title,
        policies: d.planByCode.policiesByPlanId.nodes.map(pglPolicy),
      },
    }),
    floor: (p) => ({
      sql: `SELECT json_build_object('plan', json_build_object('code', pl.code, 'title', pl.title, 'policies', tree.policies))
              FROM plan pl, LATERAL (${SQL_POLICY_TREE('po.plan_id = pl.id')}) tree WHERE pl.code = $1`,
      params: [p.planCode],
    }),
    normFloor: (d) => ({ plan: { ...d.plan, policies: d.plan.policies.map(oursPolicy) } }),
  },
  2: {
    name: 'one policy subtree',
    defaultSize: 'M',
    ours: (p) => ({
      query: `${OURS_FRAGMENTS}\nquery W2($code: String!, $n: Int!) { policies(filter: { planCode: $code, policyNumber: $n }, first: 1) { nodes { ...PolicyTree } } }`,
      variables: { code: p.planCode, n: p.policyNumber },
    }),
    pgl: (p) => ({
      query: `${PGL_FRAGMENTS}\nquery W2($code: String!, $n: Int!) { planByCode(code: $code) { policiesByPlanId(condition: { number: $n }) { nodes { ...PolicyTree } } } }`,
      variables: { code: p.planCode, n: p.policyNumber },
    }),
    normOurs: (d) => ({ policies: d.policies.nodes.map(oursPolicy) }),
    normPgl: (d) => ({ policies: d.planByCode.policiesByPlanId.nodes.map(pglPolicy) }),
    floor: (p) => ({
      sql: `SELECT json_build_object('policies', tree.policies) FROM plan pl,
              LATERAL (${SQL_POLICY_TREE('po.plan_id = pl.id AND po.number = $2')}) tree WHERE pl.code = $1`,
      params: [p.planCode, p.policyNumber],
    }),
    normFloor: (d) => ({ policies: d.policies.map(oursPolicy) }),
  },
  3: {
    name: 'paged slice: year + footnote category',
    defaultSize: 'L',
    ours: (p) => ({
      query: `fragment Val on PlanValue { raw kind number unit comparator text note }
query W3($code: String!, $year: Int!) {
  targets(filter: { planCode: $code, fiscalYear: $year, footnoteCategory: COVID_ADJUSTMENT }, first: 50) {
    pageInfo { hasNextPage endCursor }
    nodes { id role fiscalYear { year label } value { ...Val } indicator { id name unit } footnotes { marker category } }
  }
}`,
      variables: { code: p.planCode, year: p.sliceYear },
    }),
    pgl: (p) => ({
      query: `fragment Val on Target { valueRaw valueKind valueNumber valueUnit valueComparator valueText valueNote }
query W3($planId: Int!, $year: Int!) {
  allTargets(first: 50, orderBy: PRIMARY_KEY_ASC, condition: { planId: $planId, fiscalYear: $year },
    filter: { targetFootnotesByTargetIdAndPlanId: { some: { footnoteByFootnoteIdAndPlanId: { category: { equalTo: "COVID_ADJUSTMENT" } } } } }) {
    pageInfo { hasNextPage endCursor }
    nodes { rowId role fiscalYear planFiscalYearByPlanIdAndFiscalYear { label } ...Val
      indicatorByIndicatorIdAndPlanId { rowId name unit }
      targetFootnotesByTargetIdAndPlanId { nodes { footnoteByFootnoteIdAndPlanId { marker category } } } }
  }
}`,
      variables: { planId: p.planId, year: p.sliceYear },
    }),
    normOurs: (d) => ({
      hasNextPage: d.targets.pageInfo.hasNextPage,
      nodes: d.targets.nodes.map((t) => ({ ...t, footnotes: sortFootnotes(t.footnotes) })),
    }),
    normPgl: (d) => ({
      hasNextPage: d.allTargets.pageInfo.hasNextPage,
      nodes: d.allTargets.nodes.map((t) => {
        const { footnotes, ...rest } = pglTarget(t);
        const i = t.indicatorByIndicatorIdAndPlanId;
        return { ...rest, indicator: { id: globalId('Indicator', i.rowId), name: i.name, unit: i.unit }, footnotes };
      }),
    }),
    floor: (p) => ({
      sql: `SELECT json_build_object('hasNextPage', count(*) > 50, 'nodes', coalesce(json_agg(s.j ORDER BY s.id) FILTER (WHERE s.rn <= 50), '[]'))
              FROM (SELECT t.id, row_number() OVER (ORDER BY t.id) AS rn,
                           json_build_object('id', ${SQL_GID('Target', 't.id')}, 'role', t.role,
                             'fiscalYear', json_build_object('year', t.fiscal_year, 'label', fy.label), 'value', ${SQL_VALUE('t')},
                             'indicator', json_build_object('id', ${SQL_GID('Indicator', 'i.id')}, 'name', i.name, 'unit', i.unit),
                             'footnotes', coalesce((SELECT json_agg(json_build_object('marker', f.marker, 'category', f.category) ORDER BY f.marker)
                                                      FROM target_footnote tf JOIN footnote f ON f.id = tf.footnote_id WHERE tf.target_id = t.id), '[]')) AS j
                      FROM target t JOIN indicator i ON i.id = t.indicator_id
                      JOIN plan_fiscal_year fy ON fy.plan_id = t.plan_id AND fy.year = t.fiscal_year
                     WHERE t.plan_id = (SELECT id FROM plan WHERE code = $1) AND t.fiscal_year = $2
                       AND EXISTS (SELECT 1 FROM target_footnote tf JOIN footnote f ON f.id = tf.footnote_id
                                    WHERE tf.target_id = t.id AND f.category = 'COVID_ADJUSTMENT')
                     ORDER BY t.id LIMIT 51) s`,
      params: [p.planCode, p.sliceYear],
    }),
    normFloor: (d) => ({ ...d, nodes: d.nodes.map((t) => ({ ...t, footnotes: sortFootnotes(t.footnotes) })) }),
  },
  4: {
    name: 'single indicator with its series',
    defaultSize: 'L',
    ours: (p) => ({
      query: `fragment Val on PlanValue { raw kind number unit comparator text note }
query W4($id: ID!) { node(id: $id) { ... on Indicator { id name unit direction
  series { fiscalYear { year label } baseline { ...Val } target { ...Val } actual { ...Val } } } } }`,
      variables: { id: globalId('Indicator', p.indicatorId) },
    }),
    pgl: (p) => ({
      query: `fragment Val on Target { valueRaw valueKind valueNumber valueUnit valueComparator valueText valueNote }
fragment RVal on ActualRevision { valueRaw valueKind valueNumber valueUnit valueComparator valueText valueNote }
query W4($id: Int!) { indicatorByRowId(rowId: $id) { rowId name unit direction
  planByPlanId { planFiscalYearsByPlanId(orderBy: YEAR_ASC) { nodes { year label } } }
  targetsByIndicatorIdAndPlanId(orderBy: FISCAL_YEAR_ASC) { nodes { fiscalYear role ...Val } }
  actualsByIndicatorIdAndPlanId(orderBy: FISCAL_YEAR_ASC, condition: { status: "APPROVED" }) { nodes { fiscalYear actualRevisionByRowIdAndApprovedRevision { ...RVal } } } } }`,
      variables: { id: p.indicatorId },
    }),
    normOurs: (d) => d.node,
    normPgl: (d) => {
      const i = d.indicatorByRowId;
      const targets = i.targetsByIndicatorIdAndPlanId.nodes;
      const actuals = i.actualsByIndicatorIdAndPlanId.nodes;
      return {
        id: globalId('Indicator', i.rowId),
        name: i.name,
        unit: i.unit,
        direction: i.direction,
        series: i.planByPlanId.planFiscalYearsByPlanId.nodes.map(({ year, label }) => ({
          fiscalYear: { year, label },
          baseline: pglValue(targets.find((t) => t.fiscalYear === year && t.role === 'BASELINE_ESTIMATE')) ?? null,
          target: pglValue(targets.find((t) => t.fiscalYear === year && t.role === 'TARGET')) ?? null,
          actual:
            pglValue(actuals.find((a) => a.fiscalYear === year)?.actualRevisionByRowIdAndApprovedRevision) ?? null,
        })),
      };
    },
  },
  5: {
    name: 'report batch of 10 operations',
    defaultSize: 'S',
    batch: true,
    ours: (p) => [
      {
        query: `query R1($code: String!) { plan(code: $code) { code title baseYear { year label } finalYear { year label } policies { number title } } }`,
        variables: { code: p.planCode },
      },
      ...p.policyNumbers.slice(0, 2).map((n) => ({
        query: `query R2($code: String!, $n: Int!) { policies(filter: { planCode: $code, policyNumber: $n }) { nodes { number measures { position title outcomeIndicators { name unit } } } } }`,
        variables: { code: p.planCode, n },
      })),
      {
        query: `query R3($code: String!) { footnotes(filter: { planCode: $code, category: COVID_ADJUSTMENT }, first: 100) { nodes { marker text targets { fiscalYear { year } value { raw } } } } }`,
        variables: { code: p.planCode },
      },
      ...p.reportIndicatorIds.slice(0, 6).map((id) => ({
        query: `query R4($id: ID!) { node(id: $id) { ... on Indicator { name unit targets { role fiscalYear { year } value { raw number } } } } }`,
        variables: { id: globalId('Indicator', id) },
      })),
    ],
    pgl: (p) => [
      {
        query: `query R1($code: String!) { planByCode(code: $code) { code title baseYear finalYear planFiscalYearsByPlanId { nodes { year label } } policiesByPlanId(orderBy: NUMBER_ASC) { nodes { number title } } } }`,
        variables: { code: p.planCode },
      },
      ...p.policyNumbers.slice(0, 2).map((n) => ({
        query: `query R2($id: Int!, $n: Int!) { allPolicies(condition: { planId: $id, number: $n }) { nodes { number measuresByPolicyIdAndPlanId(orderBy: POSITION_ASC) { nodes { position title measureIndicatorsByMeasureIdAndPlanId(orderBy: POSITION_ASC) { nodes { indicatorByIndicatorIdAndPlanId { name unit } } } } } } } }`,
        variables: { id: p.planId, n },
      })),
      {
        query: `query R3($id: Int!) { allFootnotes(first: 100, orderBy: PRIMARY_KEY_ASC, condition: { planId: $id, category: "COVID_ADJUSTMENT" }) { nodes { marker text targetFootnotesByFootnoteIdAndPlanId { nodes { targetByTargetIdAndPlanId { fiscalYear valueRaw } } } } } }`,
        variables: { id: p.planId },
      },
      ...p.reportIndicatorIds.slice(0, 6).map((id) => ({
        query: `query R4($id: Int!) { indicatorByRowId(rowId: $id) { name unit targetsByIndicatorIdAndPlanId(orderBy: FISCAL_YEAR_ASC) { nodes { role fiscalYear valueRaw valueNumber } } } }`,
        variables: { id },
      })),
    ],
    normOursBatch: (list) =>
      list.map((d, k) => {
        if (k === 3)
          return {
            ...d,
            footnotes: {
              nodes: d.footnotes.nodes.map((f) => ({
                ...f,
                targets: [...f.targets].sort(
                  (a, b) => a.fiscalYear.year - b.fiscalYear.year || (a.value.raw < b.value.raw ? -1 : 1),
                ),
              })),
            },
          };
        if (k >= 4)
          return {
            node: { ...d.node, targets: [...d.node.targets].sort((a, b) => a.fiscalYear.year - b.fiscalYear.year) },
          };
        return d;
      }),
    normPglBatch: (list) =>
      list.map((d, k) => {
        if (k === 0) {
          const p = d.planByCode;
          const label = (y) => p.planFiscalYearsByPlanId.nodes.find((f) => f.year === y).label;
          return {
            plan: {
              code: p.code,
              title: p.title,
              baseYear: { year: p.baseYear, label: label(p.baseYear) },
              finalYear: { year: p.finalYear, label: label(p.finalYear) },
              policies: p.policiesByPlanId.nodes,
            },
          };
        }
        if (k <= 2) {
          return {
            policies: {
              nodes: d.allPolicies.nodes.map((po) => ({
                number: po.number,
                measures: po.measuresByPolicyIdAndPlanId.nodes.map((m) => ({
                  position: m.position,
                  title: m.title,
                  outcomeIndicators: m.measureIndicatorsByMeasureIdAndPlanId.nodes.map(
                    (x) => x.indicatorByIndicatorIdAndPlanId,
                  ),
                })),
              })),
            },
          };
        }
        if (k === 3) {
          return {
            footnotes: {
              nodes: d.allFootnotes.nodes.map((f) => ({
                marker: f.marker,
                text: f.text,
                targets: f.targetFootnotesByFootnoteIdAndPlanId.nodes
                  .map((x) => ({
                    fiscalYear: { year: x.targetByTargetIdAndPlanId.fiscalYear },
                    value: { raw: x.targetByTargetIdAndPlanId.valueRaw },
                  }))
                  .sort((a, b) => a.fiscalYear.year - b.fiscalYear.year || (a.value.raw < b.value.raw ? -1 : 1)),
              })),
            },
          };
        }
        const i = d.indicatorByRowId;
        return {
          node: {
            name: i.name,
            unit: i.unit,
            targets: i.targetsByIndicatorIdAndPlanId.nodes.map((t) => ({
              role: t.role,
              fiscalYear: { year: t.fiscalYear },
              value: { raw: t.valueRaw, number: t.valueNumber },
            })),
          },
        };
      }),
  },
};

/** Ids the workloads need, picked from the size's database (the middle policy, a middle indicator …). */
export async function workloadParams(client, planCode) {
  const plan = (await client.query('SELECT id FROM plan WHERE code = $1', [planCode])).rows[0];
  if (!plan) throw new Error(`plan ${planCode} not found`);
  const policies = (
    await client.query('SELECT number FROM policy WHERE plan_id = $1 ORDER BY number', [plan.id])
  ).rows.map((r) => r.number);
  const mid = policies[Math.floor((policies.length - 1) / 2)];
  // The single indicator: a middle output indicator, with actuals when the size has them.
  const ind = (
    await client.query(
      `SELECT i.id FROM indicator i WHERE i.plan_id = $1 AND i.kind = 'OUTPUT'
        ORDER BY (SELECT count(*) FROM actual a WHERE a.indicator_id = i.id) DESC, abs(i.position - (SELECT max(position) / 2 FROM indicator WHERE plan_id = $1))
        LIMIT 1`,
      [plan.id],
    )
  ).rows[0];
  const report = (
    await client.query('SELECT id FROM indicator WHERE plan_id = $1 ORDER BY position LIMIT 6', [plan.id])
  ).rows.map((r) => r.id);
  return {
    planCode,
    planId: plan.id,
    policyNumber: mid,
    policyNumbers: [policies[0], mid],
    indicatorId: ind.id,
    reportIndicatorIds: report,
    sliceYear: 2021,
  };
}

/** Counts the objects of a response (every JSON object): the "nodes" of a subtree. */
export function countObjects(value) {
  if (Array.isArray(value)) return value.reduce((n, v) => n + countObjects(v), 0);
  if (value && typeof value === 'object') return 1 + Object.values(value).reduce((n, v) => n + countObjects(v), 0);
  return 0;
}
