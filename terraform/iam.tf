# The function's role: one inline policy per concern, each on the exact ARN it needs. No `*` resource anywhere.

data "aws_iam_policy_document" "assume_role" {
  statement {
    sid     = "LambdaAssumesThisRole"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name                 = "${var.name}-lambda"
  description          = "Execution role of the ${var.name} Cognito User Migration trigger"
  assume_role_policy   = data.aws_iam_policy_document.assume_role.json
  permissions_boundary = var.role_permissions_boundary
  tags                 = var.tags
}

# Logs: write to its own log group only. No CreateLogGroup: Terraform owns the group and its retention.
data "aws_iam_policy_document" "logs" {
  statement {
    sid       = "WriteOwnLogGroup"
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [local.log_group_arn, "${local.log_group_arn}:*"]
  }
}

resource "aws_iam_role_policy" "logs" {
  name   = "logs"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.logs.json
}

# Cognito: check the password and read the user in the old pool; ListUsers only when alias lookup may run.
# Attached to this role when the old pool is in reach of it; with assume_old_pool_role every old-pool call goes through
# the assumed role, so this document is published instead (output old_pool_role_policy_json) for that role.
data "aws_iam_policy_document" "cognito" {
  statement {
    sid    = "OldPoolSignInAndRead"
    effect = "Allow"
    actions = concat(
      ["cognito-idp:AdminInitiateAuth", "cognito-idp:AdminGetUser"],
      var.alias_lookup == "off" ? [] : ["cognito-idp:ListUsers"],
      var.groups_enabled ? ["cognito-idp:AdminListGroupsForUser"] : [],
    )
    resources = [local.old_user_pool_arn]
  }
}

resource "aws_iam_role_policy" "cognito" {
  count = var.assume_old_pool_role ? 0 : 1

  name   = "cognito-old-pool"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.cognito.json
}

# The new pool, only with groups: its post authentication / post confirmation triggers add the memberships the marker
# carries and delete the marker; DescribeUserPool tells whether the pool signs in by email or phone (DESIGN.md
# section 5). No ListGroups: a missing group shows up as AdminAddUserToGroup's ResourceNotFoundException.
# Not in aws_lambda_function.this's depends_on, and that is what keeps this cycle-free: the new pool names the
# function, this policy names the new pool. The pool exists (and may call the triggers) a moment before this policy
# is attached; a settle that fails then keeps the marker for the next sign-in (DESIGN.md section 5).
data "aws_iam_policy_document" "cognito_new_pool" {
  count = var.groups_enabled ? 1 : 0

  statement {
    sid    = "NewPoolSettleGroups"
    effect = "Allow"
    actions = [
      "cognito-idp:AdminAddUserToGroup",
      "cognito-idp:AdminDeleteUserAttributes",
      "cognito-idp:DescribeUserPool",
    ]
    resources = [var.new_user_pool_arn]
  }
}

resource "aws_iam_role_policy" "cognito_new_pool" {
  count = var.groups_enabled ? 1 : 0

  name   = "cognito-new-pool"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.cognito_new_pool[0].json
}

# Parameter Store: the attribute map, the function's key (KEY_PARAMETER) and, when the old client has a secret, that
# secret.
data "aws_iam_policy_document" "ssm" {
  statement {
    sid       = "ReadOwnParameters"
    effect    = "Allow"
    actions   = ["ssm:GetParameter"]
    resources = local.parameter_arns
  }
}

resource "aws_iam_role_policy" "ssm" {
  name   = "ssm-parameters"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.ssm.json
}

# Every count here is a plan-time bool, never `var.x == null` on an ARN: an ARN from a resource in the same
# configuration is unknown at plan, and a count on it fails with "Invalid count argument".

# KMS: only for a customer-managed key, only through Parameter Store in this region, only for these parameters
# (Parameter Store puts the parameter's ARN in the encryption context). The aws/ssm key needs no grant.
data "aws_iam_policy_document" "kms" {
  count = var.use_kms_key ? 1 : 0

  statement {
    sid       = "DecryptParametersViaSsm"
    effect    = "Allow"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["ssm.${local.region}.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:EncryptionContext:PARAMETER_ARN"
      values   = local.parameter_arns
    }
  }
}

resource "aws_iam_role_policy" "kms" {
  count = var.use_kms_key ? 1 : 0

  name   = "kms-decrypt-parameters"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.kms[0].json
}

# STS: the cross-account role for the old pool, only when one is configured.
data "aws_iam_policy_document" "sts" {
  count = var.assume_old_pool_role ? 1 : 0

  statement {
    sid       = "AssumeOldPoolRole"
    effect    = "Allow"
    actions   = ["sts:AssumeRole"]
    resources = [var.old_pool_role_arn]
  }
}

resource "aws_iam_role_policy" "sts" {
  count = var.assume_old_pool_role ? 1 : 0

  name   = "sts-old-pool-role"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.sts[0].json
}

# The role Cognito's user import job writes its CloudWatch logs with (`attrmapper sweep --logs-role-arn`, DESIGN.md
# section 10): opt-in, separate from the function's role. Trust and permissions exactly as the Cognito developer guide
# gives them ("Creating the CloudWatch Logs IAM role"): the import job names its own log groups under /aws/cognito/,
# so that prefix, in this account and region, is the narrowest scope that works; the `*` is that prefix's suffix only.
data "aws_iam_policy_document" "import_logs_assume_role" {
  count = var.create_import_logs_role ? 1 : 0

  statement {
    sid     = "CognitoAssumesThisRole"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["cognito-idp.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "import_logs" {
  count = var.create_import_logs_role ? 1 : 0

  statement {
    sid       = "ImportJobWritesCognitoLogGroups"
    effect    = "Allow"
    actions   = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"]
    resources = [local.import_logs_resource]
  }
}

resource "aws_iam_role" "import_logs" {
  count = var.create_import_logs_role ? 1 : 0

  name                 = "${var.name}-import-logs"
  description          = "Cognito user import jobs of the ${var.name} migration write their CloudWatch logs with this role"
  assume_role_policy   = data.aws_iam_policy_document.import_logs_assume_role[0].json
  permissions_boundary = var.role_permissions_boundary
  tags                 = var.tags
}

resource "aws_iam_role_policy" "import_logs" {
  count = var.create_import_logs_role ? 1 : 0

  name   = "cognito-import-logs"
  role   = aws_iam_role.import_logs[0].id
  policy = data.aws_iam_policy_document.import_logs[0].json
}
