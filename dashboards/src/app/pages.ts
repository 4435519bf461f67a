import type { ComponentType } from 'preact';
import type { Scope } from '../api/endpoints.js';
import { OverviewPage } from '../pages/overview/overview-page.js';

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
}

export const PAGES: readonly PageDef[] = [
  { path: '/', label: 'Overview', component: OverviewPage, scoped: true },
];

export function findPage(path: string): PageDef | undefined {
  return PAGES.find((p) => p.path === path);
}

export function visiblePages(role: string): PageDef[] {
  return PAGES.filter((p) => !p.roles || p.roles.includes(role));
}
