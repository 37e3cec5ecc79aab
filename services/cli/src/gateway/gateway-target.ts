import { CliError } from '../cli-error';

/** Where `npm start` serves gRPC and gRPC-web. */
export const DEFAULT_GATEWAY_ADDRESS = '127.0.0.1:8080';

/** The gateway's `host:port`, and whether to speak TLS to it. */
export interface GatewayTarget {
  readonly address: string;
  readonly tls: boolean;
}

const HOST_PORT = /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/;
const SCHEME = /^(https?):\/\/(.*?)\/?$/i;

/** `host:port`, `http://host:port` or `https://host:port` (TLS): from `--address`, else FRM_GATEWAY_ADDRESS, else `npm start`'s. */
export function gatewayTargetOf(option: string | undefined, environment: string | undefined): GatewayTarget {
  const given = option ?? (environment || undefined) ?? DEFAULT_GATEWAY_ADDRESS;
  const source = option !== undefined ? '--address' : environment ? 'FRM_GATEWAY_ADDRESS' : 'the default address';
  const scheme = SCHEME.exec(given.trim());
  const address = scheme ? (scheme[2] ?? '') : given.trim();
  const port = Number(HOST_PORT.exec(address)?.[1] ?? NaN);
  if (!(port >= 1 && port <= 65_535)) {
    throw new CliError(`${source} "${given}" is not the gateway's host:port; e.g. --address ${DEFAULT_GATEWAY_ADDRESS} (https://host:port for TLS)`);
  }
  return { address, tls: scheme?.[1]?.toLowerCase() === 'https' };
}

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** The access token from `--token`, else FRM_TOKEN; a leading `Bearer ` is accepted and dropped. */
export function accessTokenOf(option: string | undefined, environment: string | undefined): string {
  const given = (option ?? environment ?? '').trim().replace(/^Bearer\s+/i, '');
  const source = option !== undefined ? '--token' : 'FRM_TOKEN';
  if (given === '') {
    throw new CliError(
      'no access token: pass --token <jwt> or set FRM_TOKEN, e.g. FRM_TOKEN=$(npx frm token --sub <your uuid> --roles admin) ' +
        '(any role exports your own data; exporting anyone else needs admin)',
    );
  }
  if (!JWT.test(given)) throw new CliError(`${source} is not an access token (three base64url parts joined by dots); mint one with \`npx frm token --sub <uuid> --roles admin\``);
  return given;
}
