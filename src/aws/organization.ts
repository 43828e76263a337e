import {
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { AwsAccessError } from '../errors.js';
import { describeFailure, rethrowUnlessAws } from './aws-errors.js';
import { eachPage } from './pages.js';

/** An organization has at most a few thousand accounts and units: 20 a page, 1,000 pages. */
const MAX_PAGES = 1000;

/** The organization's accounts a run audits, and the entries of the filter that name none. */
interface OrganizationAccounts {
  /** ACTIVE account ids, in ascending order. */
  readonly accounts: readonly string[];
  /** Account ids of the filter that are not ACTIVE accounts of the organization. */
  readonly unknown: readonly string[];
}

/**
 * The organization's ACTIVE accounts (organizations:ListAccounts, every page), or those the
 * filter names: account ids, and every account under an organizational unit or the root,
 * however deep. A listing that fails stops the run: the accounts to audit are unknown.
 */
export async function organizationAccounts(
  client: OrganizationsClient,
  filter: readonly string[],
): Promise<OrganizationAccounts> {
  const active = new Set<string>();
  await listed(
    'organizations:ListAccounts',
    (NextToken) => client.send(new ListAccountsCommand({ NextToken })),
    (page) => {
      for (const a of page.Accounts ?? []) {
        if (a.Id && (a.State ?? a.Status) === 'ACTIVE') active.add(a.Id);
      }
    },
  );
  if (filter.length === 0) return { accounts: [...active].sort(), unknown: [] };

  const wanted = new Set<string>();
  const unknown: string[] = [];
  // A unit under another one listed is walked once.
  const walked = new Set<string>();
  for (const entry of filter) {
    if (/^\d{12}$/.test(entry)) {
      if (active.has(entry)) wanted.add(entry);
      else unknown.push(entry);
      continue;
    }
    for (const id of await accountsUnder(client, entry, walked)) {
      if (active.has(id)) wanted.add(id);
    }
  }
  return { accounts: [...wanted].sort(), unknown };
}

/**
 * Every account under an organizational unit or the root, through its child units, but for
 * the units already `walked`.
 */
async function accountsUnder(
  client: OrganizationsClient,
  parent: string,
  walked: Set<string>,
): Promise<string[]> {
  const found: string[] = [];
  const parents = [parent];
  for (let next = parents.pop(); next !== undefined; next = parents.pop()) {
    if (walked.has(next)) continue;
    walked.add(next);
    const ParentId = next;
    await listed(
      'organizations:ListAccountsForParent',
      (NextToken) => client.send(new ListAccountsForParentCommand({ ParentId, NextToken })),
      (page) => {
        for (const a of page.Accounts ?? []) if (a.Id) found.push(a.Id);
      },
    );
    await listed(
      'organizations:ListOrganizationalUnitsForParent',
      (NextToken) =>
        client.send(new ListOrganizationalUnitsForParentCommand({ ParentId, NextToken })),
      (page) => {
        for (const unit of page.OrganizationalUnits ?? []) if (unit.Id) parents.push(unit.Id);
      },
    );
  }
  return found;
}

/**
 * Reads a listing to its end, within MAX_PAGES and never on a repeated token; an AWS error or
 * an unusable answer becomes one line naming the action.
 */
async function listed<P extends { readonly NextToken?: string | undefined }>(
  action: string,
  read: (token: string | undefined) => Promise<P>,
  onPage: (page: P) => void,
): Promise<void> {
  try {
    await eachPage(action, MAX_PAGES, read, (page) => page.NextToken || undefined, onPage);
  } catch (error) {
    rethrowUnlessAws(error);
    throw new AwsAccessError(
      `the organization's accounts could not be listed: ${describeFailure(action, error)}.`,
    );
  }
}
