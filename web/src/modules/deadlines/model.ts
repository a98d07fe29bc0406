// The office's view of deadlines (docs/deadlines.md): labels of days and weeks in either language.
import type { Language } from '../../shell/api';

export { addDays, daysUntil, tokyoToday } from '../ethics/model';

const WEEKDAYS_JA = ['日', '月', '火', '水', '木', '金', '土'];
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parts(date: string) {
  const d = new Date(`${date}T00:00:00Z`);
  return { month: d.getUTCMonth(), day: d.getUTCDate(), weekday: d.getUTCDay() };
}

/** 12月7日 / 7 Dec */
export function monthDay(date: string, language: Language): string {
  const { month, day } = parts(date);
  return language === 'en' ? `${day} ${MONTHS_EN[month]}` : `${month + 1}月${day}日`;
}

/** 12月8日（火） / Tue 8 Dec */
export function dayLabel(date: string, language: Language): string {
  const { weekday } = parts(date);
  return language === 'en' ? `${WEEKDAYS_EN[weekday]} ${monthDay(date, language)}` : `${monthDay(date, language)}（${WEEKDAYS_JA[weekday]}）`;
}

/** The module of a kind: 'ethics' for 'ethics.sae_report'. */
export function moduleOf(kind: string): string {
  return kind.split('.')[0];
}

/** Kind filter choices: each module, then its kinds, in the order the server listed them. */
export function kindChoices(kinds: readonly string[]): { module: string; kinds: string[] }[] {
  const out: { module: string; kinds: string[] }[] = [];
  for (const kind of kinds) {
    const module = moduleOf(kind);
    let group = out.find((g) => g.module === module);
    if (!group) {
      group = { module, kinds: [] };
      out.push(group);
    }
    group.kinds.push(kind);
  }
  return out;
}
