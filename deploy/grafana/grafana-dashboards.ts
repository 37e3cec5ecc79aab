import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DASHBOARDS_DIR = join(__dirname, 'dashboards');

export interface DataSourceRef {
  readonly type?: string;
  readonly uid?: string;
}

export interface PanelTarget {
  readonly refId: string;
  readonly datasource?: DataSourceRef;
  readonly expr?: string;
  readonly rawSql?: string;
}

export interface Panel {
  readonly id: number;
  readonly type: string;
  readonly title: string;
  readonly datasource?: DataSourceRef;
  readonly targets?: PanelTarget[];
  readonly panels?: Panel[];
  readonly gridPos?: { h: number; w: number; x: number; y: number };
}

export interface Dashboard {
  readonly file: string;
  readonly uid: string;
  readonly title: string;
  readonly schemaVersion: number;
  readonly panels: Panel[];
  readonly templating: { list: Array<{ name: string; type: string; query?: unknown; definition?: string }> };
}

export const PROMETHEUS_PLUGIN = 'prometheus';
export const POSTGRES_PLUGIN = 'grafana-postgresql-datasource';

/** Parses every dashboard; a file that is not JSON fails here, naming it. */
export function dashboards(): Dashboard[] {
  return readdirSync(DASHBOARDS_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(DASHBOARDS_DIR, file), 'utf8');
      try {
        return { ...JSON.parse(text), file };
      } catch (error) {
        throw new Error(`${file} is not JSON: ${(error as Error).message}`);
      }
    });
}

export function dashboard(file: string): Dashboard {
  const found = dashboards().find((candidate) => candidate.file === file);
  if (!found) throw new Error(`no dashboard ${file} in ${DASHBOARDS_DIR}`);
  return found;
}

/** Every panel, those inside rows too (a collapsed row holds its panels). */
export function panelsOf(board: Dashboard): Panel[] {
  return board.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);
}

export function queriesOf(board: Dashboard): Array<{ panel: Panel; target: PanelTarget }> {
  return panelsOf(board).flatMap((panel) => (panel.targets ?? []).map((target) => ({ panel, target })));
}
