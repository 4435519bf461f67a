import type { ComponentType } from 'preact';
import type { Scope } from '../api/endpoints.js';
import { InfluencersPage } from '../pages/influencers/influencers-page.js';
import { DriversPage } from '../pages/drivers/drivers-page.js';
import { OverviewPage } from '../pages/overview/overview-page.js';
import { AccountPage } from '../pages/account/account-page.js';
import { SuggestionsPage } from '../pages/account/suggestions-page.js';
import { AlertsPage } from '../pages/alerts/alerts-page.js';
import { ChurnPage } from '../pages/churn/churn-page.js';
import { IdeasPage } from '../pages/ideas/ideas-page.js';
import { SourcesPage } from '../pages/sources/sources-page.js';
import { TopicsPage } from '../pages/topics/topics-page.js';
import { InboxPage } from '../pages/inbox/inbox-page.js';
import { ConversationPage } from '../pages/conversation/conversation-page.js';
import { DialogueReportsPage } from '../pages/dialogue-reports/dialogue-reports-page.js';
import { TeachPage } from '../pages/teach/teach-page.js';

export interface PageProps {
  scope: Scope;
  params: URLSearchParams;
}

/**
 * The dashboard's pages. The navigation is drawn from this list, so a new page (churn board,
 * influencers, ideas, inbox, drivers) is one entry here; only pages that exist are listed.
 */
export interface PageDef {
  path: string;
  label: string;
  component: ComponentType<PageProps>;
  /** Whether the topic and time-window selectors apply to this page. */
  scoped: boolean;
  /** Roles allowed to see the page; absent means every signed-in role. */
  roles?: readonly string[];
  /** Detail pages reached from another page (an account, a conversation) stay out of the menu. */
  inNav?: false;
}

export const PAGES: readonly PageDef[] = [
  { path: '/', label: 'Overview', component: OverviewPage, scoped: true },
  { path: '/inbox', label: 'Inbox', component: InboxPage, scoped: false },
  { path: '/churn', label: 'Churn risk', component: ChurnPage, scoped: false },
  { path: '/drivers', label: 'Drivers', component: DriversPage, scoped: true },
  { path: '/influencers', label: 'Influencers', component: InfluencersPage, scoped: true },
  { path: '/ideas', label: 'Ideas', component: IdeasPage, scoped: false },
  {
    path: '/dialogue-reports',
    label: 'Response times',
    component: DialogueReportsPage,
    scoped: false,
  },
  {
    path: '/teach',
    label: 'Teach Écoute',
    component: TeachPage,
    scoped: false,
    roles: ['admin', 'analyst'],
  },
  { path: '/identities', label: 'Identities', component: SuggestionsPage, scoped: false },
  { path: '/alerts', label: 'Alerts', component: AlertsPage, scoped: false },
  { path: '/sources', label: 'Sources', component: SourcesPage, scoped: false },
  { path: '/topics', label: 'Topics', component: TopicsPage, scoped: false },
  { path: '/account', label: 'Account', component: AccountPage, scoped: false, inNav: false },
  {
    path: '/conversation',
    label: 'Conversation',
    component: ConversationPage,
    scoped: false,
    inNav: false,
  },
];

export function findPage(path: string): PageDef | undefined {
  return PAGES.find((p) => p.path === path);
}

/** The pages of the menu for a role (detail pages are reached from the others). */
export function visiblePages(role: string): PageDef[] {
  return PAGES.filter((p) => p.inNav !== false && (!p.roles || p.roles.includes(role)));
}
