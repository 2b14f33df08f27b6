// Makes, once per run, the files specs would otherwise make on their own (files.ts says
// where): the fake cameras' videos (a QR in a 1280×720 Y4M), feeds with one fault each
// (from the release build's feed, so they match the build under test), and files that are
// not a transfer file.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  CAMERA_FILE, CARGO_TOML, CHAIN_CAMERA_FILE, FEEDS, NOT_A_TRANSFER, SHIFT_JIS_QR, SHIFT_JIS_CAMERA_FILE,
  SHOP_CAMERA_FILE, SITE, distFeed, giftLinkForCamera, readText, shopCameraTicket,
} from './files';

/** Writes `text` as a QR code into a one-frame Y4M video for Chromium's fake camera (its
 *  Shift_JIS bytes with `shiftJis`, as many Japanese QR makers write them). */
export function qrVideo(text: string, file: string, shiftJis = false) {
  execFileSync('cargo', ['run', '--quiet', '--manifest-path', CARGO_TOML,
    '--example', 'qr-y4m', '--', ...(shiftJis ? ['--shift-jis'] : []), text, file], { stdio: 'inherit' });
}

/** The release build's feed with one change made by `change`. */
function feedWith(change: (feed: any) => void): string {
  const feed = JSON.parse(readText(distFeed()));
  change(feed);
  return JSON.stringify(feed);
}

export default async function globalSetup() {
  fs.mkdirSync(path.dirname(CAMERA_FILE), { recursive: true });
  qrVideo(giftLinkForCamera(), CAMERA_FILE);
  qrVideo(`${SITE}#/t/${shopCameraTicket()}`, SHOP_CAMERA_FILE);
  qrVideo('JOKATSU', CHAIN_CAMERA_FILE);
  qrVideo(SHIFT_JIS_QR, SHIFT_JIS_CAMERA_FILE, true);

  fs.writeFileSync(FEEDS.keyListNotSigned, feedWith((f) => {
    const sig: string = f.keys.signature;
    f.keys.signature = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
  }));
  fs.writeFileSync(FEEDS.brokenK6, feedWith((f) => {
    f.questionnaires.find((q: any) => q.id === 'k6').items[2].id = 'K6 BAD';
  }));
  fs.writeFileSync(FEEDS.withoutKeys, feedWith((f) => { delete f.keys; }));

  fs.writeFileSync(NOT_A_TRANSFER.html, '<html>not a wallet</html>');
  fs.writeFileSync(NOT_A_TRANSFER.empty, JSON.stringify({ format: 'jokatsu-transfer', version: 1 }));
}
