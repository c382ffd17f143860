/**
 * Cuts a GeoJSON byte stream into the texts of the members of its top-level `features` array,
 * without parsing them: a byte scanner that only follows strings and bracket depth. Everything
 * outside that array (type, crs, name, or a whole Feature or geometry) is kept as the
 * "skeleton", with the array left empty, for one JSON.parse at the end.
 *
 * Works on bytes: every structural character is ASCII, and UTF-8 never uses bytes below 0x80
 * inside a multi-byte character, so a chunk may end anywhere.
 */

import { MAX_JSON_DEPTH } from '../../../shared/json-depth.ts';
import { JsonTooDeep } from '../../http/json-body.ts';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJ = 0x7b;
const CLOSE_OBJ = 0x7d;
const OPEN_ARR = 0x5b;
const CLOSE_ARR = 0x5d;
const MAX_KEY = 64; // longer top-level strings cannot be the key "features"

export class FeatureScanner {
  private depth = 0;
  private inString = false;
  private escape = false;
  private inFeatures = false;
  private key: number[] | null = null; // bytes of the string being read at depth 1
  private lastString = '';
  private pendingKey = '';
  private skeleton: Buffer[] = [];
  private feature: Buffer[] | null = null;
  /** True once the top-level `features` member was an array. */
  sawFeatures = false;

  /** Feeds the next chunk; returns the texts of the features completed in it. */
  push(chunk: Buffer): string[] {
    const out: string[] = [];
    let skelFrom = this.inFeatures ? -1 : 0;
    let featFrom = this.feature ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === BACKSLASH) this.escape = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.key) {
            this.lastString = Buffer.from(this.key).toString('utf8');
            this.key = null;
          }
        } else if (this.key && this.key.length < MAX_KEY) this.key.push(c);
        continue;
      }
      switch (c) {
        case QUOTE:
          this.inString = true;
          if (this.depth === 1) this.key = [];
          break;
        case COLON:
          if (this.depth === 1) this.pendingKey = this.lastString;
          break;
        case COMMA:
          if (this.depth === 1) this.pendingKey = '';
          break;
        case OPEN_OBJ:
        case OPEN_ARR:
          if (this.depth === 1 && c === OPEN_ARR && this.pendingKey === 'features' && !this.inFeatures) {
            // Keep "features":[ in the skeleton, then leave the array's members out of it.
            this.skeleton.push(Buffer.from(chunk.subarray(skelFrom, i + 1)));
            skelFrom = -1;
            this.inFeatures = true;
            this.sawFeatures = true;
          } else if (this.inFeatures && this.depth === 2 && c === OPEN_OBJ) {
            this.feature = [];
            featFrom = i;
          }
          // Deeper than any GeoJSON: parsing it would work, walking or storing it would not.
          if (++this.depth > MAX_JSON_DEPTH) throw new JsonTooDeep(this.depth, MAX_JSON_DEPTH);
          break;
        case CLOSE_OBJ:
        case CLOSE_ARR:
          this.depth--;
          if (this.depth < 0) throw new Error(`Unexpected "${String.fromCharCode(c)}"`);
          if (this.inFeatures && this.depth === 2 && c === CLOSE_OBJ && this.feature) {
            this.feature.push(chunk.subarray(featFrom, i + 1));
            out.push(Buffer.concat(this.feature).toString('utf8'));
            this.feature = null;
            featFrom = -1;
          } else if (this.inFeatures && this.depth === 1) {
            this.inFeatures = false;
            skelFrom = i;
          }
          break;
      }
    }
    // Copies: a slice would keep the whole chunk alive.
    if (skelFrom >= 0) this.skeleton.push(Buffer.from(chunk.subarray(skelFrom)));
    if (this.feature && featFrom >= 0) this.feature.push(chunk.subarray(featFrom));
    return out;
  }

  /** The document without its features, as text; throws when the file ended inside a value. */
  end(): string {
    if (this.inString || this.depth !== 0) throw new Error('Unexpected end of the file');
    let text = Buffer.concat(this.skeleton).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // byte order mark
    return text;
  }
}
