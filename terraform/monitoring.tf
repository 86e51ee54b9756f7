# Dashboard and alarms over the function's EMF metrics (DESIGN.md section 7) and Lambda's own.
#
# The metric contract the function emits (namespace AttrMapper):
#   Invocations  count  dimension sets [TriggerSource, Outcome] and []   Outcome: migrated | rejected | fault
#   Faults       count  dimension set []
#   DurationMs   ms     dimension sets [TriggerSource, Outcome] and []
#   MapRefreshFailures count  dimension set []
#   Rejected     count  dimension set [Reason]
#   with groups (DESIGN.md section 5), each a count with dimension set []:
#   GroupsCarried    migrations whose answer carried a groups marker (one per user)
#   GroupsSettled    users whose marker post authentication / post confirmation settled and deleted
#   MarkersPending   settles that kept the marker for the next sign-in (an upstream failure)
#   MarkersRejected  markers whose tag did not verify (forged, copied, rotated key), on any trigger
#   GroupsMissing    groups skipped for good because the new pool lacks them

locals {
  metric_namespace = "AttrMapper"
  period           = 300

  alarm_actions = concat(aws_sns_topic.this[*].arn, var.alarm_actions)

  # SUM(SEARCH(...)) folds every TriggerSource (including ones the function rejects as unknown) into one line.
  outcome_expression = "SUM(SEARCH('{${local.metric_namespace},TriggerSource,Outcome} MetricName=\"Invocations\" Outcome=\"%s\"', 'Sum', ${local.period}))"

  groups_metrics = ["GroupsCarried", "GroupsSettled", "MarkersPending", "MarkersRejected", "GroupsMissing"]

  dashboard_widgets = concat([
    {
      type = "metric", x = 0, y = 0, width = 12, height = 6
      properties = {
        title   = "Outcomes (all triggers)"
        region  = local.region
        view    = "timeSeries"
        stacked = true
        period  = local.period
        metrics = [
          [{ id = "migrated", expression = format(local.outcome_expression, "migrated"), label = "migrated", color = "#2ca02c" }],
          [{ id = "rejected", expression = format(local.outcome_expression, "rejected"), label = "rejected", color = "#ff7f0e" }],
          [{ id = "fault", expression = format(local.outcome_expression, "fault"), label = "fault", color = "#d62728" }],
        ]
      }
    },
    {
      type = "metric", x = 12, y = 0, width = 12, height = 6
      properties = {
        title  = "Outcomes by trigger source"
        region = local.region
        view   = "timeSeries"
        period = local.period
        metrics = [
          [{ id = "bytrigger", expression = "SEARCH('{${local.metric_namespace},TriggerSource,Outcome} MetricName=\"Invocations\"', 'Sum', ${local.period})", label = "" }],
        ]
      }
    },
    {
      type = "metric", x = 0, y = 6, width = 12, height = 6
      properties = {
        title   = "Rejected by reason"
        region  = local.region
        view    = "timeSeries"
        stacked = true
        period  = local.period
        metrics = [
          [{ id = "byreason", expression = "SEARCH('{${local.metric_namespace},Reason} MetricName=\"Rejected\"', 'Sum', ${local.period})", label = "" }],
        ]
      }
    },
    {
      type = "metric", x = 12, y = 6, width = 12, height = 6
      properties = {
        title  = "Faults, map refresh failures, Lambda errors and throttles"
        region = local.region
        view   = "timeSeries"
        period = local.period
        stat   = "Sum"
        metrics = [
          [local.metric_namespace, "Faults", { label = "Faults (answered MigrationUnavailable)", color = "#d62728" }],
          [local.metric_namespace, "MapRefreshFailures", { label = "Map refresh failures (last good map kept)" }],
          ["AWS/Lambda", "Errors", "FunctionName", var.name, { label = "Lambda Errors" }],
          ["AWS/Lambda", "Throttles", "FunctionName", var.name, { label = "Lambda Throttles" }],
        ]
      }
    },
    {
      type = "metric", x = 0, y = 12, width = 12, height = 6
      properties = {
        title  = "Duration (ms)"
        region = local.region
        view   = "timeSeries"
        period = 60
        metrics = [
          [local.metric_namespace, "DurationMs", { stat = "p50", label = "DurationMs p50" }],
          [local.metric_namespace, "DurationMs", { stat = "p99", label = "DurationMs p99" }],
          ["AWS/Lambda", "Duration", "FunctionName", var.name, { stat = "p99", label = "Lambda Duration p99" }],
        ]
        annotations = {
          horizontal = [
            { label = "MIGRATION_DEADLINE_MS", value = var.migration_deadline_ms, color = "#d62728" },
            { label = "alarm", value = var.migration_deadline_ms * var.duration_alarm_ratio, color = "#ff7f0e" },
          ]
        }
        yAxis = { left = { min = 0 } }
      }
    },
    {
      type = "log", x = 12, y = 12, width = 12, height = 6
      properties = {
        title  = "Not migrated, by outcome and reason (logs)"
        region = local.region
        view   = "table"
        query  = "SOURCE '${local.log_group_name}' | filter ispresent(reason) and outcome != 'migrated' | stats count(*) as n by outcome, reason | sort n desc"
      }
    },
    ], var.groups_enabled ? [
    {
      type = "metric", x = 0, y = 18, width = 24, height = 6
      properties = {
        title  = "Groups: carried at migration, settled, pending, markers rejected, groups missing"
        region = local.region
        view   = "timeSeries"
        period = local.period
        stat   = "Sum"
        metrics = [
          for m in local.groups_metrics : [local.metric_namespace, m, { label = m, color = m == "MarkersRejected" ? "#d62728" : null }]
        ]
      }
    },
  ] : [])
}

resource "aws_cloudwatch_dashboard" "this" {
  count = var.create_dashboard ? 1 : 0

  dashboard_name = var.name
  dashboard_body = jsonencode({ widgets = local.dashboard_widgets })
}

resource "aws_sns_topic" "this" {
  count = var.create_alarm_topic ? 1 : 0

  name              = "${var.name}-alarms"
  kms_master_key_id = var.alarm_topic_kms_key_id
  tags              = var.tags
}

# The alarms: one resource, one entry per concern (keys are the alarm_arns output's keys). Every entry notifies
# alarm_actions on alarm and on OK; missing data is not breaching (no traffic is no problem).
locals {
  alarms = merge(
    {
      # Any fault: a user could not sign in and got "temporarily unavailable".
      faults = {
        name        = "${var.name}-faults"
        description = "AttrMapper answered MigrationUnavailable: the old pool, the map or the deadline failed. See the log line's reason."
        namespace   = local.metric_namespace, metric = "Faults", dimensions = null
        statistic   = "Sum", extended_statistic = null, period = 60, evaluation_periods = 1, datapoints = null
        threshold   = 0, comparison = "GreaterThanThreshold"
      }
      # p99 close to the deadline: answers are about to be cut off and turn into faults.
      duration_p99 = {
        name        = "${var.name}-duration-p99"
        description = "AttrMapper DurationMs p99 is at ${var.duration_alarm_ratio * 100}% of MIGRATION_DEADLINE_MS (${var.migration_deadline_ms} ms): the old pool is slow."
        namespace   = local.metric_namespace, metric = "DurationMs", dimensions = null
        statistic   = null, extended_statistic = "p99", period = 60, evaluation_periods = 5, datapoints = 3
        threshold   = var.migration_deadline_ms * var.duration_alarm_ratio, comparison = "GreaterThanOrEqualToThreshold"
      }
      # A failed refresh keeps the last good map: sign-ins go on, but a map edit is not taking effect.
      map_refresh_failures = {
        name        = "${var.name}-map-refresh-failures"
        description = "AttrMapper could not load or validate the attribute map in ${local.map_parameter_name}; it keeps using the last good one."
        namespace   = local.metric_namespace, metric = "MapRefreshFailures", dimensions = null
        statistic   = "Sum", extended_statistic = null, period = 300, evaluation_periods = 1, datapoints = null
        threshold   = 0, comparison = "GreaterThanThreshold"
      }
      # Lambda-level errors: crashes, init failures, timeouts (a fault answer also counts here).
      lambda_errors = {
        name        = "${var.name}-lambda-errors"
        description = "Lambda Errors for ${var.name}: init failure (bad configuration), crash, timeout, or fault answers."
        namespace   = "AWS/Lambda", metric = "Errors", dimensions = { FunctionName = var.name }
        statistic   = "Sum", extended_statistic = null, period = 60, evaluation_periods = 1, datapoints = null
        threshold   = 0, comparison = "GreaterThanThreshold"
      }
      lambda_throttles = {
        name        = "${var.name}-lambda-throttles"
        description = "Lambda Throttles for ${var.name}: sign-ins of unmigrated users are failing; raise the concurrency limit or reservation."
        namespace   = "AWS/Lambda", metric = "Throttles", dimensions = { FunctionName = var.name }
        statistic   = "Sum", extended_statistic = null, period = 60, evaluation_periods = 1, datapoints = null
        threshold   = 0, comparison = "GreaterThanThreshold"
      }
    },
    var.groups_enabled ? {
      # A marker whose tag does not verify: someone wrote the marker attribute (their own UpdateUserAttributes, a
      # copied marker) or the key changed under unsettled markers. Nobody gains groups from it, but it is looked at.
      markers_rejected = {
        name        = "${var.name}-markers-rejected"
        description = "AttrMapper ignored a groups marker whose tag did not verify (forged, copied, or the key was rotated). Check which app client can write the marker attribute."
        namespace   = local.metric_namespace, metric = "MarkersRejected", dimensions = null
        statistic   = "Sum", extended_statistic = null, period = 60, evaluation_periods = 1, datapoints = null
        threshold   = 0, comparison = "GreaterThanThreshold"
      }
    } : {},
  )
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = { for k, a in local.alarms : k => a if var.create_alarms }

  alarm_name          = each.value.name
  alarm_description   = each.value.description
  namespace           = each.value.namespace
  metric_name         = each.value.metric
  dimensions          = each.value.dimensions
  statistic           = each.value.statistic
  extended_statistic  = each.value.extended_statistic
  period              = each.value.period
  evaluation_periods  = each.value.evaluation_periods
  datapoints_to_alarm = each.value.datapoints
  threshold           = each.value.threshold
  comparison_operator = each.value.comparison
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags
}
