/**
 * A real map server for the background-map browser tests: MapServer 8 (Debian `cgi-mapserver`)
 * under `lighttpd` on a free loopback port, started with the peer benchmark's helpers
 * (scripts/bench/peer-mapserver.ts). Its mapfile reads the shipped districts through OGR and
 * draws them in colours no other map here uses, as a WMS and as a tile grid.
 */
import path from 'node:path';
import { ROOT_DIR } from '../../server/config.ts';
import { findTools, runMapServer, type MapServerPeer } from '../../scripts/bench/peer-mapserver.ts';

/** What the WMS paints the districts with, and the tile grid. */
export const WMS_FILL = '#d0208a';
export const TILES_FILL = '#12a08c';

const DISTRICTS = path.join(ROOT_DIR, 'data', 'districts', 'helsinki_kaupunginosat.geojson');

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(' ');
const layer = (name: string, colour: string) => `  LAYER
    NAME "${name}"
    TYPE POLYGON
    STATUS ON
    CONNECTIONTYPE OGR
    CONNECTION "${DISTRICTS}"
    PROJECTION "init=epsg:4326" END
    METADATA "wms_title" "${name}" "wms_srs" "EPSG:3857 EPSG:4326" END
    CLASS
      STYLE COLOR ${rgb(colour)} OUTLINECOLOR 255 255 255 WIDTH 1 END
    END
  END`;

function mapfile(): string {
  return `MAP
  NAME "tonttiluukku_backgrounds"
  EXTENT -20037508 -20037508 20037508 20037508
  SIZE 256 256
  UNITS METERS
  IMAGETYPE png
  IMAGECOLOR 250 250 250
  PROJECTION "init=epsg:3857" END
  CONFIG "MS_ERRORFILE" "stderr"
  WEB
    METADATA
      "ows_enable_request" "*"
      "ows_title" "Tonttiluukku test backgrounds"
      "wms_srs" "EPSG:3857 EPSG:4326"
      "wms_onlineresource" "http://127.0.0.1/ms?"
    END
  END
${layer('districts_wms', WMS_FILL)}
${layer('districts_tiles', TILES_FILL)}
END
`;
}

export interface TestMapServer extends MapServerPeer {
  /** WMS GetMap service URL (the app's wms entry appends the GetMap parameters). */
  wmsUrl: string;
  /** MapServer's tile mode as an XYZ template. */
  tileTemplate: string;
}

/** Starts it, or throws naming the apt packages when the binaries are missing (never skips). */
export async function startTestMapServer(): Promise<TestMapServer> {
  const tools = findTools(
    {},
    {
      who: 'The background-map browser test',
      need: ['mapserv', 'lighttpd'],
      features: ['SUPPORTS=WMS_SERVER', 'INPUT=OGR', 'OUTPUT=PNG', 'FASTCGI'],
      packages: ['mapserver-bin'],
    },
  );
  if (typeof tools === 'string') throw new Error(tools);
  const peer = await runMapServer(tools, {
    port: 0,
    procs: 1,
    mapfile: mapfile(),
    probe: '/ms?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0',
    ready: (body) => body.includes('districts_wms'),
    cors: true,
  });
  return {
    ...peer,
    wmsUrl: `${peer.url}/ms`,
    tileTemplate: `${peer.url}/ms?mode=tile&tilemode=gmap&tile={x}+{y}+{z}&layers=districts_tiles`,
  };
}
