import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { dashboard, dashboards, panelsOf, PROMETHEUS_PLUGIN, queriesOf } from '../grafana/grafana-dashboards';
import {
  allRules,
  catalogueSeriesNames,
  metricsCatalogue,
  PROMETHEUS_DIR,
  RULES_DIR,
  ruleTestFiles,
  RUNBOOK_PATH,
  runbookAnchors,
  TESTS_DIR,
  yamlFilesIn,
} from './support/deploy-files';
import { metricNamesIn } from './support/promql-metric-names';
import { promtool } from './support/promtool';

const SEVERITIES = ['page', 'ticket'];
const alerts = allRules().filter((rule) => rule.alert !== undefined);
const recordedNames = new Set(allRules().flatMap((rule) => (rule.record ? [rule.record] : [])));

function unknownMetricsIn(expr: string): string[] {
  const known = catalogueSeriesNames();
  return metricNamesIn(expr).filter((name) => !known.has(name) && !recordedNames.has(name));
}

describe('promtool', () => {
  it('accepts every rule file (promtool check rules)', async () => {
    const files = yamlFilesIn(RULES_DIR).map((file) => join(RULES_DIR, file));
    expect(files.length).toBeGreaterThan(0);
    await promtool(['check', 'rules', ...files], PROMETHEUS_DIR);
  });

  it('accepts prometheus.yml and the rule files it names (promtool check config)', async () => {
    const output = await promtool(['check', 'config', 'prometheus.yml'], PROMETHEUS_DIR);
    expect(output).toContain(`${yamlFilesIn(RULES_DIR).length} rule files found`);
  });

  it.each(yamlFilesIn(TESTS_DIR))('passes the unit tests in tests/%s (promtool test rules)', async (file) => {
    await promtool(['test', 'rules', join(TESTS_DIR, file)], PROMETHEUS_DIR);
  });
});

describe('alerting rules', () => {
  const tests = ruleTestFiles().flatMap((file) => file.tests.flatMap((test) => test.alert_rule_test ?? []));

  it('have unique names', () => {
    const names = alerts.map((rule) => rule.alert);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });

  it.each(alerts.map((rule) => [rule.alert, rule] as const))('%s has a severity, a summary, a description and a runbook', (_, rule) => {
    expect(SEVERITIES).toContain(rule.labels?.['severity']);
    for (const annotation of ['summary', 'description', 'runbook']) expect(rule.annotations?.[annotation]?.trim()).toBeTruthy();
  });

  it.each(alerts.map((rule) => [rule.alert, rule] as const))('%s points to a section of RUNBOOK.md', (_, rule) => {
    const [path, anchor] = (rule.annotations?.['runbook'] ?? '').split('#');
    expect(path).toBe(RUNBOOK_PATH);
    expect([...runbookAnchors()]).toContain(anchor);
  });

  it.each(alerts.map((rule) => [rule.alert] as const))('%s has a unit test where it fires and one where it does not', (name) => {
    const own = tests.filter((test) => test.alertname === name);
    expect({ name, fires: own.some((test) => (test.exp_alerts ?? []).length > 0) }).toEqual({ name, fires: true });
    expect({ name, staysQuiet: own.some((test) => (test.exp_alerts ?? []).length === 0) }).toEqual({ name, staysQuiet: true });
  });

  it('read only metrics of the catalogue and series the rules record', () => {
    const unknown = allRules().flatMap((rule) => unknownMetricsIn(rule.expr).map((name) => `${rule.alert ?? rule.record}: ${name}`));
    expect(unknown).toEqual([]);
  });
});

describe('metrics catalogue', () => {
  it.each(Object.entries(metricsCatalogue()))('%s has a type, labels, the jobs that export it and help', (name, entry) => {
    expect(['counter', 'gauge', 'histogram']).toContain(entry.type);
    expect(Array.isArray(entry.labels)).toBe(true);
    expect(entry.exported_by.length).toBeGreaterThan(0);
    expect(entry.help.trim()).not.toBe('');
    expect(name.endsWith('_total')).toBe(entry.type === 'counter');
  });
});

describe('Grafana dashboards', () => {
  const technical = dashboard('frm-technical.json');

  it.each(dashboards().map((board) => [board.file, board] as const))('%s: schema 39 or later, a ${datasource} variable, unique panel ids', (_, board) => {
    expect(board.schemaVersion).toBeGreaterThanOrEqual(39);
    const datasource = board.templating.list.find((variable) => variable.name === 'datasource');
    expect(datasource?.type).toBe('datasource');
    const ids = panelsOf(board).map((panel) => panel.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const { panel, target } of queriesOf(board)) {
      expect({ panel: panel.title, uid: target.datasource?.uid ?? panel.datasource?.uid }).toEqual({ panel: panel.title, uid: '${datasource}' });
    }
  });

  it('have dashboard uids of their own', () => {
    const uids = dashboards().map((board) => board.uid);
    expect(new Set(uids).size).toBe(uids.length);
  });

  it('frm-technical reads Prometheus only, and only metrics of the catalogue and recorded series', () => {
    expect(technical.templating.list.find((variable) => variable.name === 'datasource')?.query).toBe(PROMETHEUS_PLUGIN);
    const queries = queriesOf(technical);
    expect(queries.length).toBeGreaterThan(0);
    const unknown = queries.flatMap(({ panel, target }) => {
      if (target.datasource?.type !== PROMETHEUS_PLUGIN || !target.expr) return [`${panel.title}: not a Prometheus query`];
      return unknownMetricsIn(target.expr).map((name) => `${panel.title}: ${name}`);
    });
    const variables = technical.templating.list.flatMap((variable) =>
      variable.type === 'query' ? unknownMetricsIn(String(variable.definition).replace(/^label_values\((.*),\s*\w+\)$/, '$1')).map((name) => `$${variable.name}: ${name}`) : [],
    );
    expect([...unknown, ...variables]).toEqual([]);
  });

  it('frm-technical queries are PromQL that promtool accepts', async () => {
    const rules = queriesOf(technical).map(({ panel, target }) => ({
      record: `dashboard:panel_${panel.id}:${target.refId.toLowerCase()}`,
      expr: (target.expr ?? '')
        .replace(/\$__rate_interval|\$\{__rate_interval\}/g, '5m')
        .replace(/\$__interval|\$\{__interval\}/g, '1m')
        .replace(/\$__range|\$\{__range\}/g, '1d')
        .replace(/\$\{\w+\}|\$\w+/g, '.*'),
    }));
    const dir = mkdtempSync(join(tmpdir(), 'frm-dashboard-promql-'));
    try {
      const file = join(dir, 'dashboard-queries.yml');
      writeFileSync(file, stringify({ groups: [{ name: 'frm-technical-dashboard', rules }] }));
      await promtool(['check', 'rules', file], dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
