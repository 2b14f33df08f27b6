// Makes the fake-camera video for the scanner tests: a gift link QR in a 1280×720 Y4M.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const CAMERA_FILE = path.join(__dirname, 'test-results-fixtures', 'gift-qr.y4m');

export function giftLinkForCamera(): string {
  const bundle = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'demo-bundle-202611.json'), 'utf8'));
  const ticket: string = bundle.tickets[7];
  return `https://www.city.asahikawa.hokkaido.jp/jokatsu/w.html#/gift/${ticket}?from=%E5%B1%B1%E7%94%B0`;
}

export default async function globalSetup() {
  fs.mkdirSync(path.dirname(CAMERA_FILE), { recursive: true });
  execFileSync('cargo', ['run', '--quiet', '--manifest-path', path.join(__dirname, '..', '..', 'Cargo.toml'),
    '--example', 'qr-y4m', '--', giftLinkForCamera(), CAMERA_FILE], { stdio: 'inherit' });
}
