// The home page (index.html): the career health room's today card, this week, the themes'
// next dates, events; the month calendar and event pages are routes of the same page.
import { Locator, Page } from '@playwright/test';
import { expect } from '../specs/fixtures';
import { AppPage } from './app';

export class HomePage extends AppPage {
  /** The today card (in Japanese or English). */
  readonly today: Locator;
  /** This week, Monday to Sunday. */
  readonly week: Locator;
  constructor(page: Page) {
    super(page);
    this.today = page.getByRole('region', { name: /^今日|^Today/ });
    this.week = page.getByTestId('week-list');
  }
  /** Opens the home page and waits for the today card. */
  async goto() {
    await this.open('#/');
    await expect(this.today).toBeVisible();
  }
  /** What the today card says about now (open, closed, opens at…). */
  status(): Locator {
    return this.today.getByTestId('today-status');
  }
  /** A desk session on the today card, by its heading. */
  session(title: RegExp | string): Locator {
    return this.today.getByRole('article').filter({ has: this.page.getByRole('heading', { name: title }) });
  }
  /** A day button of the month calendar (its name is the day's full label). */
  calendarDay(label: RegExp): Locator {
    return this.page.getByTestId('month-calendar').getByRole('button', { name: label });
  }
  /** The panel of the day picked in the month calendar. */
  dayPanel(): Locator {
    return this.page.getByTestId('day-panel');
  }
  eventList(): Locator {
    return this.page.getByTestId('event-list');
  }
}
