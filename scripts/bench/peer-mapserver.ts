/**
 * MapServer 8 (Debian `cgi-mapserver`) as FastCGI under `lighttpd`, for the peer benchmark: finds
 * the two binaries, writes a mapfile, a MapServer config and a lighttpd config into a temp folder,
 * runs lighttpd as a child process on a loopback port and stops it. Nothing is installed here.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PLOT_PROPERTIES } from '../../server/ogc/queries.ts';

export const MAPSERV_DEFAULT = '/usr/lib/cgi-bin/mapserv';
/** The attributes our plot tiles carry (server/tiles/sql.ts), asked of MapServer's tiles too. */
export const TILE_ATTRIBUTES = [
  'id',
  'use_class',
  'use_code',
  'availability',
  'area_m2',
  'building_right_kem2',
  'price_eur_kem2',
];
/** The map alias in the OGC API path: MapServer 8.0 reads OGC API requests as /<alias>/ogcapi/... */
export const MAP_ALIAS = 'PEER';
const LAYER = 'plots';

export interface Tools {
  mapserv: string;
  lighttpd: string;
  wrk: string;
}

const executable = (file: string) => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

/** `name` on PATH or in the sbin folders (lighttpd lives in /usr/sbin, often not on a user's PATH). */
function which(name: string): string | undefined {
  if (name.includes('/')) return executable(name) ? name : undefined;
  const dirs = [...(process.env.PATH ?? '').split(':').filter(Boolean), '/usr/sbin', '/sbin'];
  return dirs.map((d) => path.join(d, name)).find(executable);
}

/**
 * The binaries the peer benchmark runs, or the one message saying what is missing and the exact
 * apt-get line that installs it (Debian 12 ships MapServer 8.0 with OGC API and MVT built in).
 */
export function findTools(
  opts: { mapserv?: string; lighttpd?: string; wrk?: string },
  /** Who asks (named in the message), what it runs, and the MapServer features it needs. */
  use: { who: string; need: Array<keyof Tools>; features: string[]; packages?: string[] } = {
    who: 'The peer benchmark',
    need: ['mapserv', 'lighttpd', 'wrk'],
    features: ['OGCAPI_SERVER', 'PBF', 'FASTCGI', 'INPUT=POSTGIS'],
  },
): Tools | string {
  const wanted: Array<[keyof Tools, string, string, string]> = (
    [
      ['mapserv', opts.mapserv ?? MAPSERV_DEFAULT, 'cgi-mapserver', 'the MapServer FastCGI program'],
      ['lighttpd', opts.lighttpd ?? 'lighttpd', 'lighttpd', 'the web server running it'],
      ['wrk', opts.wrk ?? 'wrk', 'wrk', 'the load generator for the items measure'],
    ] as Array<[keyof Tools, string, string, string]>
  ).filter(([key]) => use.need.includes(key));
  const found: Partial<Tools> = {};
  const missing: string[] = [];
  const packages: string[] = [];
  for (const [key, file, pkg, what] of wanted) {
    const at = which(file);
    if (at) found[key] = at;
    else {
      missing.push(`  ${file} (${what}) not found`);
      packages.push(pkg);
    }
  }
  if (found.mapserv && !missing.length) {
    let version = '';
    try {
      version = execFileSync(found.mapserv, ['-v'], { encoding: 'utf8', timeout: 10_000 });
    } catch (err) {
      version = String((err as { stdout?: string }).stdout ?? '');
    }
    const lacks = use.features.filter((f) => !version.includes(f));
    if (lacks.length)
      return (
        `${use.who} needs MapServer 8 with ${lacks.join(', ')}; ${found.mapserv} says:\n  ${version.trim() || '(nothing)'}\n` +
        `Debian 12's package has them all: apt-get install cgi-mapserver`
      );
  }
  if (!missing.length) return found as Tools;
  return (
    `${use.who} runs MapServer under lighttpd and installs nothing itself. Missing:\n${missing.join('\n')}\n` +
    `Install with:\n  apt-get update && apt-get install -y ${[...new Set([...packages, ...(use.packages ?? [])])].join(' ')}\n` +
    `(or point at them with --mapserv=PATH, --lighttpd=PATH, --wrk=PATH)`
  );
}

// A mapfile string in double quotes: backslashes and double quotes escaped.
const q = (s: string) => `"${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

/**
 * The mapfile: one PostGIS layer `plots` reading the same table and the same attribute SQL as
 * our OGC API (server/ogc/queries.ts), published plots only, geometry from the EPSG:3857 column
 * so a CRS84 bbox or a tile is an exact rectangle served by the partial GiST index
 * plots_pub_geom_3857_idx. OGC API items carry our 33 item properties, tiles our 7 tile attributes.
 */
export function mapfile(pgConn: string, extent3857: [number, number, number, number]): string {
  const props = PLOT_PROPERTIES.map(([name, , sql]) => `${sql} AS ${name}`).join(', ');
  const sub = `(SELECT p.id, ${props}, p.geom_3857 FROM plots p
    LEFT JOIN districts d ON d.number = p.district_number
    LEFT JOIN sub_districts s ON s.number = p.sub_district_number
    WHERE p.status = 'published') AS t`;
  const ext = extent3857.join(' ');
  return `MAP
  NAME "tonttiluukku_peer"
  EXTENT ${ext}
  SIZE 256 256
  UNITS METERS
  PROJECTION "init=epsg:3857" END
  CONFIG "MS_ERRORFILE" "stderr"
  WEB
    METADATA
      "ows_enable_request" "*"
      "ows_title" "Tonttiluukku peer"
      "ows_srs" "EPSG:3857 EPSG:4326"
      "oga_onlineresource" "http://127.0.0.1/ms/${MAP_ALIAS}/ogcapi"
      "oga_html_template_directory" "/usr/share/mapserver/ogcapi/templates/html-plain/"
      "oga_geometry_precision" "7"
      "oga_max_limit" "10000"
    END
  END
  # MVT with our tile's extent and a buffer of 64 of 4096 units (4 of MapServer's 256 pixels).
  OUTPUTFORMAT
    NAME "mvt"
    DRIVER MVT
    FORMATOPTION "EXTENT=4096"
    FORMATOPTION "EDGE_BUFFER=4"
  END
  LAYER
    NAME "${LAYER}"
    TYPE POLYGON
    STATUS ON
    CONNECTIONTYPE POSTGIS
    CONNECTION ${q(pgConn)}
    DATA ${q(`geom_3857 FROM ${sub} USING UNIQUE id USING SRID=3857`)}
    # Each FastCGI process keeps its database connection between requests.
    PROCESSING "CLOSE_CONNECTION=DEFER"
    PROJECTION "init=epsg:3857" END
    EXTENT ${ext}
    TEMPLATE "void"
    METADATA
      "oga_title" "plots"
      "oga_include_items" ${q(PLOT_PROPERTIES.map(([n]) => n).join(','))}
      "gml_include_items" ${q(TILE_ATTRIBUTES.join(','))}
      "gml_types" "auto"
      "gml_featureid" "id"
    END
    CLASS END
  END
END
`;
}

/** Direct children of a process (Linux /proc). */
function childPids(pid: number | undefined): number[] {
  if (!pid) return [];
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function stopPids(pids: number[]): Promise<void> {
  for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 50 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
  for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
}

export interface MapServerPeer {
  url: string; // lighttpd's base URL; MapServer answers under /ms
  procs: number;
  dir: string;
  stop(): Promise<void>;
}

/**
 * Starts lighttpd on `port` with mod_fastcgi spawning `procs` mapserv processes, and waits until
 * MapServer answers an OGC API request. The temp folder is removed on stop.
 */
export async function startMapServer(
  tools: Tools,
  opts: { port: number; procs: number; pgConn: string; extent3857: [number, number, number, number] },
): Promise<MapServerPeer> {
  return runMapServer(tools, {
    port: opts.port,
    procs: opts.procs,
    mapfile: mapfile(opts.pgConn, opts.extent3857),
    probe: `/ms/${MAP_ALIAS}/ogcapi/collections/${LAYER}/items?f=json&limit=1`,
    ready: (body) => body.includes('FeatureCollection'),
  });
}

/**
 * Runs lighttpd on `port` (0: a free one) with mod_fastcgi spawning `procs` mapserv processes
 * over `mapfile` (also reachable as the alias PEER), and waits until `probe` answers 200 with a
 * body `ready` accepts. The temp folder is removed on stop.
 */
export async function runMapServer(
  tools: Pick<Tools, 'mapserv' | 'lighttpd'>,
  opts: {
    port: number;
    procs: number;
    mapfile: string;
    probe: string;
    ready(body: string): boolean;
    /** Answer with Access-Control-Allow-Origin: * (web maps on another origin read the images). */
    cors?: boolean;
  },
): Promise<MapServerPeer> {
  if (opts.port === 0) opts = { ...opts, port: await freeLoopbackPort() };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-peer-'));
  const map = path.join(dir, 'peer.map');
  const msConf = path.join(dir, 'mapserver.conf');
  fs.writeFileSync(map, opts.mapfile);
  // Under FastCGI each request's environment replaces the process's, so MS_MAPFILE is given in
  // the config file's ENV as well (mapserv reads that file once, at start, from MAPSERVER_CONFIG_FILE).
  fs.writeFileSync(
    msConf,
    `CONFIG\n  ENV\n    MS_MAPFILE ${q(map)}\n  END\n  MAPS\n    ${MAP_ALIAS} ${q(map)}\n  END\nEND\n`,
  );
  const conf = path.join(dir, 'lighttpd.conf');
  fs.writeFileSync(
    conf,
    `server.document-root = ${q(dir)}
server.bind = "127.0.0.1"
server.port = ${opts.port}
server.modules = ("mod_fastcgi"${opts.cors ? ', "mod_setenv"' : ''})
${opts.cors ? 'setenv.add-response-header = ( "Access-Control-Allow-Origin" => "*" )' : ''}
server.errorlog = ${q(path.join(dir, 'lighttpd-error.log'))}
server.max-keep-alive-requests = 10000
fastcgi.server = ( "/ms" => ((
  "socket" => ${q(path.join(dir, 'mapserv.sock'))},
  "bin-path" => ${q(tools.mapserv)},
  "max-procs" => ${opts.procs},
  "check-local" => "disable",
  "bin-environment" => ( "MS_MAPFILE" => ${q(map)}, "MAPSERVER_CONFIG_FILE" => ${q(msConf)} )
)))
`,
  );
  const child: ChildProcess = spawn(tools.lighttpd, ['-D', '-f', conf], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `http://127.0.0.1:${opts.port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      // lighttpd leaves its FastCGI processes running when it stops (each would keep waiting on
      // its socket, holding a database connection): they are stopped by their ids afterwards.
      const backends = childPids(child.pid);
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await stopPids(backends);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const probe = `${url}${opts.probe}`;
  const until = Date.now() + 20_000;
  for (;;) {
    try {
      const res = await fetch(probe);
      const body = await res.text();
      if (res.ok && opts.ready(body)) break;
      if (Date.now() > until) throw new Error(`MapServer answered ${res.status}: ${body.slice(0, 500)}`);
    } catch (err) {
      if (child.exitCode !== null || Date.now() > until) {
        const log = fs.readFileSync(path.join(dir, 'lighttpd-error.log'), { encoding: 'utf8', flag: 'a+' });
        await stop();
        throw new Error(`lighttpd/MapServer did not come up: ${String(err)}\n${stderr}${log}`);
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, procs: opts.procs, dir, stop };
}

/** A port free on loopback now (lighttpd binds it a moment later). */
function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export const mapServerItemsPath = (query: string) =>
  `/ms/${MAP_ALIAS}/ogcapi/collections/${LAYER}/items?f=json&${query}`;
export const mapServerTilePath = (z: number, x: number, y: number) =>
  `/ms?mode=tile&tilemode=gmap&tile=${x}+${y}+${z}&layers=${LAYER}&map.imagetype=mvt`;
