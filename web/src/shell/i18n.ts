// i18next with one namespace per module; every module ships ja.json and en.json side by side.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from './api';
import shellJa from './ja.json';
import shellEn from './en.json';
import peopleJa from '../modules/people/ja.json';
import peopleEn from '../modules/people/en.json';
import auditJa from '../modules/audit/ja.json';
import auditEn from '../modules/audit/en.json';
import buildingJa from '../modules/building/ja.json';
import buildingEn from '../modules/building/en.json';
import exchangeJa from '../modules/exchange/ja.json';
import exchangeEn from '../modules/exchange/en.json';
import projectsJa from '../modules/projects/ja.json';
import projectsEn from '../modules/projects/en.json';
import inboxJa from '../modules/inbox/ja.json';
import inboxEn from '../modules/inbox/en.json';
import coiJa from '../modules/coi/ja.json';
import coiEn from '../modules/coi/en.json';
import contractsJa from '../modules/contracts/ja.json';
import contractsEn from '../modules/contracts/en.json';
import ethicsJa from '../modules/ethics/ja.json';
import ethicsEn from '../modules/ethics/en.json';
import ipJa from '../modules/ip/ja.json';
import ipEn from '../modules/ip/en.json';
import deadlinesJa from '../modules/deadlines/ja.json';
import deadlinesEn from '../modules/deadlines/en.json';
import mailJa from '../modules/mail/ja.json';
import mailEn from '../modules/mail/en.json';
import opencallJa from '../modules/opencall/ja.json';
import opencallEn from '../modules/opencall/en.json';
import committeeJa from '../modules/committee/ja.json';
import committeeEn from '../modules/committee/en.json';
import kpiJa from '../modules/kpi/ja.json';
import kpiEn from '../modules/kpi/en.json';
import budgetJa from '../modules/budget/ja.json';
import budgetEn from '../modules/budget/en.json';
import surveysJa from '../modules/surveys/ja.json';
import surveysEn from '../modules/surveys/en.json';
import approvalsJa from '../modules/approvals/ja.json';
import approvalsEn from '../modules/approvals/en.json';

export const resources = {
  ja: {
    shell: shellJa,
    people: peopleJa,
    audit: auditJa,
    building: buildingJa,
    exchange: exchangeJa,
    projects: projectsJa,
    inbox: inboxJa,
    coi: coiJa,
    contracts: contractsJa,
    ethics: ethicsJa,
    ip: ipJa,
    deadlines: deadlinesJa,
    mail: mailJa,
    opencall: opencallJa,
    committee: committeeJa,
    kpi: kpiJa,
    budget: budgetJa,
    surveys: surveysJa,
    approvals: approvalsJa,
  },
  en: {
    shell: shellEn,
    people: peopleEn,
    audit: auditEn,
    building: buildingEn,
    exchange: exchangeEn,
    projects: projectsEn,
    inbox: inboxEn,
    coi: coiEn,
    contracts: contractsEn,
    ethics: ethicsEn,
    ip: ipEn,
    deadlines: deadlinesEn,
    mail: mailEn,
    opencall: opencallEn,
    committee: committeeEn,
    kpi: kpiEn,
    budget: budgetEn,
    surveys: surveysEn,
    approvals: approvalsEn,
  },
} as const;

const storageKey = 'renkei.language';

export function isLanguage(value: unknown): value is Language {
  return value === 'ja' || value === 'en';
}

export function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(storageKey);
    return isLanguage(value) ? value : 'ja';
  } catch {
    return 'ja';
  }
}

export function rememberLanguage(language: Language) {
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'ja';
}

export async function applyLanguage(language: Language) {
  rememberLanguage(language);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  if (i18n.language !== language) await i18n.changeLanguage(language);
}

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLanguage(),
  fallbackLng: 'ja',
  supportedLngs: ['ja', 'en'],
  ns: ['shell', 'people', 'audit'],
  defaultNS: 'shell',
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

if (typeof document !== 'undefined') document.documentElement.lang = i18n.language;

export default i18n;
