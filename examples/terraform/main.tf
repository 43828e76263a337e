# The role iam-mfa-audit assumes from GitHub Actions, with the least privilege it needs.

variable "github_subjects" {
  description = "OIDC subjects allowed to assume the role, e.g. repo:octo-org/octo-repo:ref:refs/heads/main (or repo:octo-org@ORG_ID/octo-repo@REPO_ID:... for repositories created or renamed since July 2026)."
  type        = list(string)
}

resource "aws_iam_openid_connect_provider" "github" {
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = var.github_subjects
    }
  }
}

data "aws_iam_policy_document" "audit" {
  statement {
    sid = "IamMfaAudit"
    actions = [
      "cloudtrail:LookupEvents",
      "iam:GenerateCredentialReport",
      "iam:GetAccountSummary",
      "iam:GetCredentialReport",
      "iam:GetLoginProfile",
      "iam:ListMFADevices",
      "iam:ListOrganizationsFeatures",
      "iam:ListUsers",
      "iam:ListVirtualMFADevices",
      "organizations:DescribeOrganization",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_role" "iam_mfa_audit" {
  name                 = "iam-mfa-audit"
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  max_session_duration = 3600
}

resource "aws_iam_role_policy" "iam_mfa_audit" {
  role   = aws_iam_role.iam_mfa_audit.id
  policy = data.aws_iam_policy_document.audit.json
}

output "role_arn" {
  value = aws_iam_role.iam_mfa_audit.arn
}
