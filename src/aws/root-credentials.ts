import { ListOrganizationsFeaturesCommand, type IAMClient } from '@aws-sdk/client-iam';
import {
  DescribeOrganizationCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { CentralRootCredentials } from '../model.js';
import { awsMessage, rethrowUnlessAws } from './aws-errors.js';

/**
 * What an organization says of its root credentials: whether AWS Organizations manages them
 * centrally (RootCredentialsManagement), and which account is its management account, whose
 * own root that never covers. Readable only from the management account or IAM's delegated
 * administrator.
 */
export type OrganizationRootView =
  | {
      readonly ok: true;
      readonly organizationId: string;
      readonly managed: boolean;
      readonly managementAccountId: string;
    }
  | { readonly ok: false; readonly reason: string };

/** The clients that read it: IAM's features, and the organization's management account. */
export interface OrganizationReaders {
  readonly iam: IAMClient;
  readonly organizations: OrganizationsClient;
}

/**
 * Reads iam:ListOrganizationsFeatures, then organizations:DescribeOrganization. Never throws
 * for an AWS answer: a denial, or an account that is neither the management account nor
 * IAM's delegated administrator, says why central management could not be confirmed.
 */
export async function readOrganizationRootView(
  readers: OrganizationReaders,
): Promise<OrganizationRootView> {
  let action = 'iam:ListOrganizationsFeatures';
  try {
    const features = await readers.iam.send(new ListOrganizationsFeaturesCommand({}));
    const organizationId = features.OrganizationId ?? '';
    const managed = (features.EnabledFeatures ?? []).includes('RootCredentialsManagement');
    if (!managed) return { ok: true, organizationId, managed, managementAccountId: '' };
    action = 'organizations:DescribeOrganization';
    const described = await readers.organizations.send(new DescribeOrganizationCommand({}));
    const managementAccountId = described.Organization?.MasterAccountId ?? '';
    if (!/^\d{12}$/.test(managementAccountId)) {
      return { ok: false, reason: `${action} named no management account` };
    }
    return { ok: true, organizationId, managed, managementAccountId };
  } catch (error) {
    rethrowUnlessAws(error);
    return { ok: false, reason: `${action}: ${awsMessage(error)}` };
  }
}

/**
 * How an audit asks, when it needs to, whether `accountId`'s root credentials are managed
 * centrally: from the organization role's view in an organization's fleet (`shared`, read
 * once for every account), else from what the audited account itself may read (`own`).
 */
export function centralRootCredentialsOf(
  own: OrganizationReaders,
  accountId: string,
  shared: (() => Promise<OrganizationRootView>) | null = null,
): () => Promise<CentralRootCredentials> {
  return async () => {
    const view = await (shared ?? (() => readOrganizationRootView(own)))();
    if (!view.ok) return { confirmed: false, reason: view.reason };
    const organization = view.organizationId === '' ? 'the organization' : view.organizationId;
    if (!view.managed) {
      return {
        confirmed: false,
        reason: `${organization} does not have RootCredentialsManagement enabled (iam:ListOrganizationsFeatures)`,
      };
    }
    if (view.managementAccountId === accountId) {
      return {
        confirmed: false,
        reason: `${accountId} is the management account of ${organization}, whose own root central management does not cover`,
      };
    }
    return { confirmed: true, organizationId: organization };
  };
}
