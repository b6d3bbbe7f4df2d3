import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { config } from "../../config.ts";
import {
  type DashboardLayout,
  dashboardLayoutSchema,
  dashboardWidgetIds,
} from "../../contracts/analytics.ts";
import { dynamoClient } from "../clients.ts";
import { keys } from "../keys.ts";

const table = () => config().TABLE_NAME;

/**
 * A user's widgets in their saved order; widgets the saved layout does not
 * know yet (added by a later version) follow, visible. A stored layout that
 * no longer parses falls back to the default rather than failing the page.
 */
export function completeLayout(saved: DashboardLayout | undefined): DashboardLayout {
  const widgets = [...(saved?.widgets ?? [])];
  for (const id of dashboardWidgetIds) {
    if (!widgets.some((widget) => widget.id === id)) widgets.push({ id, hidden: false });
  }
  return { widgets };
}

export async function getDashboardLayout(username: string): Promise<DashboardLayout> {
  const result = await dynamoClient().send(
    new GetCommand({ TableName: table(), Key: keys.dashboardLayout(username) }),
  );
  const parsed = dashboardLayoutSchema.safeParse({ widgets: result.Item?.widgets });
  return completeLayout(parsed.success ? parsed.data : undefined);
}

export async function putDashboardLayout(
  username: string,
  layout: DashboardLayout,
): Promise<DashboardLayout> {
  const complete = completeLayout(layout);
  await dynamoClient().send(
    new PutCommand({
      TableName: table(),
      Item: {
        ...keys.dashboardLayout(username),
        type: "dashboardLayout",
        username,
        widgets: complete.widgets,
        updatedAt: new Date().toISOString(),
      },
    }),
  );
  return complete;
}
