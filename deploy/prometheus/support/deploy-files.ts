import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const PROMETHEUS_DIR = join(__dirname, '..');
export const RULES_DIR = join(PROMETHEUS_DIR, 'rules');
export const TESTS_DIR = join(PROMETHEUS_DIR, 'tests');
export const RUNBOOK_PATH = 'deploy/prometheus/RUNBOOK.md';

export interface Rule {
  readonly alert?: string;
  readonly record?: string;
  readonly expr: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

export interface RuleFile {
  readonly file: string;
  readonly groups: ReadonlyArray<{ name: string; rules: Rule[] }>;
}

export interface AlertRuleTest {
  readonly alertname: string;
  readonly eval_time: string;
  readonly exp_alerts?: ReadonlyArray<{ exp_labels?: Record<string, string>; exp_annotations?: Record<string, string> }>;
}

export interface RuleTestFile {
  readonly file: string;
  readonly rule_files: string[];
  readonly tests: ReadonlyArray<{ name: string; alert_rule_test?: AlertRuleTest[] }>;
}

export interface CatalogueEntry {
  readonly type: 'counter' | 'gauge' | 'histogram';
  readonly labels: string[];
  readonly exported_by: string[];
  readonly help: string;
}

export function yamlFilesIn(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.yml')).sort();
}

export function ruleFiles(): RuleFile[] {
  return yamlFilesIn(RULES_DIR).map((file) => ({ file, ...parse(readFileSync(join(RULES_DIR, file), 'utf8')) }));
}

export function ruleTestFiles(): RuleTestFile[] {
  return yamlFilesIn(TESTS_DIR).map((file) => ({ file, ...parse(readFileSync(join(TESTS_DIR, file), 'utf8')) }));
}

export function allRules(): Rule[] {
  return ruleFiles().flatMap((file) => file.groups.flatMap((group) => group.rules));
}

export function metricsCatalogue(): Record<string, CatalogueEntry> {
  return parse(readFileSync(join(PROMETHEUS_DIR, 'metrics.yml'), 'utf8')).metrics;
}

/** Every series name the catalogue allows: a histogram's too as its _bucket, _count and _sum. */
export function catalogueSeriesNames(): Set<string> {
  const names = new Set<string>();
  for (const [name, entry] of Object.entries(metricsCatalogue())) {
    names.add(name);
    if (entry.type === 'histogram') for (const suffix of ['_bucket', '_count', '_sum']) names.add(`${name}${suffix}`);
  }
  return names;
}

/** The anchors GitHub gives the runbook's headings: lower case, punctuation dropped, spaces as hyphens. */
export function runbookAnchors(): Set<string> {
  const markdown = readFileSync(join(PROMETHEUS_DIR, 'RUNBOOK.md'), 'utf8');
  const headings = [...markdown.matchAll(/^#{1,6}\s+(.+?)\s*$/gm)].map((match) => match[1] ?? '');
  return new Set(headings.map((heading) => heading.toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-')));
}
