import { createSignal } from "solid-js";
import { createUserSchema, type User } from "../../../../shared/contracts/auth.ts";
import { api } from "../../api/client.ts";
import { FormDialog } from "../../components/FormDialog.tsx";
import { createSubmit, type FieldErrors, firstIssue } from "../../components/form.ts";
import { TextField } from "../../components/TextField.tsx";
import { toast } from "../../components/toast.tsx";
import { Field } from "../../components/ui.tsx";
import { t } from "../../i18n/index.ts";
import { user as currentUser } from "../../session.ts";
import { type Role, RoleSelect } from "./parts.tsx";

export function EditUserDialog(props: { user: User; onClose: () => void; onSaved: () => void }) {
  const [displayName, setDisplayName] = createSignal(props.user.displayName);
  const [role, setRole] = createSignal<Role>(props.user.role);
  const [password, setPassword] = createSignal("");
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const submit = createSubmit({ onFields: setErrors });
  const isSelf = () => currentUser()?.username === props.user.username;

  function save(event: SubmitEvent) {
    event.preventDefault();
    const body: { displayName?: string; role?: Role; password?: string } = {};
    if (displayName().trim() !== props.user.displayName) body.displayName = displayName();
    if (role() !== props.user.role) body.role = role();
    if (password()) body.password = password();
    if (Object.keys(body).length === 0) {
      props.onClose();
      return;
    }
    const local: FieldErrors = {
      displayName:
        body.displayName === undefined
          ? undefined
          : firstIssue(createUserSchema.shape.displayName, body.displayName),
      password:
        body.password === undefined ? undefined : firstIssue(createUserSchema.shape.password, body.password),
    };
    setErrors(local);
    if (Object.values(local).some(Boolean)) return;
    void submit.run(async () => {
      await api.call("updateUser", { params: { username: props.user.username }, body });
      toast(body.password ? t("admin.users.passwordReset") : t("admin.saved"));
      props.onSaved();
    });
  }

  return (
    <FormDialog
      title={t("admin.users.editTitle", { name: props.user.username })}
      submit={submit}
      onSubmit={save}
      onClose={props.onClose}
    >
      <TextField
        id="edit-user-name"
        label={t("admin.users.displayName")}
        error={errors().displayName}
        value={displayName()}
        maxlength="80"
        onValue={setDisplayName}
      />
      <Field
        id="edit-user-role"
        label={t("admin.users.role")}
        error={errors().role}
        hint={isSelf() ? t("admin.users.ownRole") : undefined}
      >
        <RoleSelect id="edit-user-role" value={role()} disabled={isSelf()} onChange={setRole} />
      </Field>
      <TextField
        id="edit-user-password"
        type="password"
        autocomplete="new-password"
        label={t("admin.users.newPassword")}
        error={errors().password}
        hint={t("admin.users.newPasswordHint")}
        value={password()}
        onValue={setPassword}
      />
    </FormDialog>
  );
}
