import { api } from "../../api/client.ts";
import { toast } from "../../components/toast.tsx";
import { t } from "../../i18n/index.ts";
import { coinsText, tCountFormatted } from "../../i18n/plural.ts";

let claimedFor: string | undefined;

/**
 * The daily login reward, asked for once per signed-in user and page load: the
 * server grants it on the first call of a local day, so the toast shows once a day.
 */
export async function claimDailyLoginReward(username: string): Promise<void> {
  if (claimedFor === username) return;
  claimedFor = username;
  try {
    const reward = await api.call("claimLoginReward");
    if (reward.granted)
      toast(
        t("loginReward.toast", {
          coins: coinsText(reward.coins),
          streak: tCountFormatted("plural.days", reward.streak),
        }),
      );
  } catch {
    // A missed reward is retried on the next page load; it must never disturb the page.
    claimedFor = undefined;
  }
}
