// Where the suite's files are: the checked-in fixtures (fixtures/), the trust feeds
// `make test` makes from the feed under test (generated/, scripts/test.sh), the release
// build's own feed (dist/feed/), and what global-setup.ts makes once per run
// (test-results-fixtures/). No side effects: specs import this freely.
import fs from 'node:fs';
import path from 'node:path';

/** The repository (for `cargo run --manifest-path` and dist/). */
export const ROOT = path.join(__dirname, '..', '..');
export const CARGO_TOML = path.join(ROOT, 'Cargo.toml');

/** A checked-in fixture: keys, rosters, CSV files, the demo bundle. */
export const fixture = (name: string) => path.join(__dirname, 'fixtures', name);
/** A trust-test feed made by `cargo run --example trust-fixtures` (scripts/test.sh). */
export const generated = (name: string) => path.join(__dirname, 'generated', name);
/** A file of the release build's feed folder, as served (dist/feed/). */
export const distFeed = (name = 'feed.json') => path.join(ROOT, 'dist', 'feed', name);
/** A file made by global-setup.ts. */
export const prepared = (name: string) => path.join(__dirname, 'test-results-fixtures', name);
export const readText = (file: string) => fs.readFileSync(file, 'utf8');

/** The office's demo bundle for November 2026: 20 tickets, as a file and as a link. */
export const DEMO_BUNDLE_FILE = fixture('demo-bundle-202611.json');
export const demoBundle = (): { tickets: string[] } => JSON.parse(readText(DEMO_BUNDLE_FILE));
export const demoBundleText = () => readText(fixture('demo-bundle-202611.txt')).trim();

/** The app's address on the city's website (QR codes made for the fake camera hold it). */
export const SITE = 'https://www.city.asahikawa.hokkaido.jp/jokatsu/w.html';

/** A coworker's gift link ("from 山田"), with the demo bundle's ticket 7. */
export function giftLinkForCamera(): string {
  return `${SITE}#/gift/${demoBundle().tickets[7]}?from=%E5%B1%B1%E7%94%B0`;
}
/** The ticket on a customer's phone in front of the till's camera: the bundle's ticket 5. */
export const shopCameraTicket = () => demoBundle().tickets[5];

// Made by global-setup.ts before the tests run.
/** Fake camera (1280×720 Y4M): the gift link QR (the scanner tests). */
export const CAMERA_FILE = prepared('gift-qr.y4m');
/** Fake camera: the wallet's QR of `shopCameraTicket()` on a phone screen (the till tests). */
export const SHOP_CAMERA_FILE = prepared('shop-ticket-qr.y4m');
/** Fake camera for the whole chain: a placeholder the test replaces with a ticket's QR
 *  (Chromium opens the file when it starts, so it has to exist before). */
export const CHAIN_CAMERA_FILE = prepared('chain-camera.y4m');
/** What a Japanese QR maker's code says (a shop's own notice, not a ticket), written in
 *  Shift_JIS into `SHIFT_JIS_CAMERA_FILE`. */
export const SHIFT_JIS_QR = '旭川駅前ベーカリー　ポイントカード';
/** Fake camera: a Shift_JIS QR (not UTF-8), which the till must answer at once. */
export const SHIFT_JIS_CAMERA_FILE = prepared('shift-jis-qr.y4m');
/** A ticket of the format's test vectors (tests/vectors/tickets.json), by case name. */
export function vectorTicket(name: string): string {
  const vectors = JSON.parse(readText(path.join(ROOT, 'tests', 'vectors', 'tickets.json')));
  return vectors.cases.find((c: any) => c.name === name).ticket;
}
/** Feeds made from the release build's feed, each with one fault (global-setup.ts). */
export const FEEDS = {
  /** The key list's signature altered (one character): not signed by the root key. */
  keyListNotSigned: prepared('feed-key-list-not-signed.json'),
  /** The K6 questionnaire's third item with an invalid id. */
  brokenK6: prepared('feed-broken-k6.json'),
  /** No key list at all. */
  withoutKeys: prepared('feed-without-keys.json'),
};
/** Files that are not a transfer file, for the new phone to refuse. */
export const NOT_A_TRANSFER = {
  /** Not JSON: an HTML page saved as .json. */
  html: prepared('photo.json'),
  /** The transfer format and version, and nothing else. */
  empty: prepared('broken.json'),
};
