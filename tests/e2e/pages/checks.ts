// The self-checks (c.html): the list of checks with the history, one question at a time,
// the result with the next desk and the help lines.
import { Locator } from '@playwright/test';
import { expect, open } from '../specs/fixtures';
import { AppPage } from './app';

export const HISTORY_KEY = 'jokatsu.checks.history';
export const PROGRESS_KEY = 'jokatsu.checks.progress';

export class ChecksPage extends AppPage {
  /** Opens the list of checks and waits until it is drawn. */
  async openList() {
    await open(this.page, 'c.html#/check');
    await expect(this.checkList().getByRole('listitem').first()).toBeVisible();
  }
  checkList(): Locator {
    return this.page.getByTestId('check-list');
  }
  /** A check on the list, by its heading. */
  card(title: string | RegExp): Locator {
    return this.checkList().getByRole('listitem').filter({ has: this.page.getByRole('heading', { name: title }) });
  }
  /** Starts a check from its card: the first question shows. */
  async start(title: string | RegExp) {
    await this.card(title).getByRole('link', { name: /はじめる/ }).click();
    await expect(this.step()).toHaveText(/^質問 1 \/ \d+$/);
  }
  /** "質問 n / N". */
  step(): Locator {
    return this.page.locator('#check-step');
  }
  /** The current question (a fieldset whose legend is the question). */
  question(): Locator {
    return this.page.getByRole('group');
  }
  async choose(label: string) {
    await this.question().getByRole('radio', { name: label, exact: true }).check();
  }
  async next() {
    await this.page.getByRole('button', { name: /^(次へ|結果を見る)$/ }).click();
  }
  /** Answer the current and following questions with these option labels, then finish. */
  async answerAll(labels: string[]) {
    for (const [i, label] of labels.entries()) {
      await expect(this.step()).toHaveText(new RegExp(`^質問 ${i + 1} / ${labels.length}$`));
      await this.choose(label);
      await this.next();
    }
    await expect(this.page.getByRole('heading', { level: 2, name: '結果' })).toBeVisible();
  }
  /** The list's way in by worry: the triage's first question as buttons (子育て first). */
  worryChoices(): Locator {
    return this.page.getByRole('region', { name: '気になることから選ぶ' });
  }
  /** The result's worries (a triage result lists each worry she chose). */
  worries(): Locator {
    return this.page.getByTestId('worries').getByRole('listitem');
  }
  /** The result's next desk: theme, date, calendar button. */
  nextDesk(): Locator {
    return this.page.getByTestId('next-desk');
  }
  /** The result's help lines. */
  helpLines(): Locator {
    return this.page.getByRole('region', { name: 'いま相談できるところ' });
  }
  /** From a result back to the list and the history. */
  backToList(): Locator {
    return this.page.getByRole('link', { name: '一覧と履歴へ' });
  }
  history(): Locator {
    return this.page.getByTestId('history');
  }
  /** A record as stored in this browser (`HISTORY_KEY`, `PROGRESS_KEY`). */
  async stored(key: string) {
    return this.page.evaluate((k) => localStorage.getItem(k), key);
  }
}
