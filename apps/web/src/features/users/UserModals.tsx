// The dialogs of the users page: create, edit, reset password (system administrator) and grant roles
// (security administrator, 三员分立 separation of duties shown and enforced by the server).
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, Form, Input, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  ADMIN_ROLES,
  BUSINESS_ROLES,
  violatesSeparationOfDuties,
  type Role,
  type UserView,
} from '@qinqing/shared';
import { isApiError } from '../../api/client.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { OrgUnitTreeSelect } from '../org-units/OrgUnitTreeSelect.tsx';
import { createUser, grantRoles, resetPassword, updateUser, usersQueryKey, type CreateUser } from './api.ts';

/** Reloads the list after a write; after a version conflict too, so the next try has fresh data. */
function useUsersRefresh() {
  const queryClient = useQueryClient();
  return {
    refresh: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: usersQueryKey }),
        queryClient.invalidateQueries({ queryKey: ['roles'] }),
      ]),
    async guard<T>(work: Promise<T>): Promise<T> {
      try {
        return await work;
      } catch (error) {
        if (isApiError(error, 'VERSION_CONFLICT'))
          void queryClient.invalidateQueries({ queryKey: usersQueryKey });
        throw error;
      }
    },
  };
}

/** 姓名 and 所属单位: asked when an account is created and when it is edited. */
function NameAndOrgUnitFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="displayName"
        label={t('users.form.displayName')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { field: t('users.form.displayName') }),
          },
        ]}
      >
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item
        name="orgUnitId"
        label={t('users.form.orgUnit')}
        rules={[{ required: true, message: t('common.selectRequired', { field: t('users.form.orgUnit') }) }]}
      >
        <OrgUnitTreeSelect />
      </Form.Item>
    </>
  );
}

/** 电子邮箱: where email notifications go; optional (an empty box clears it). */
function EmailField() {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="email"
      label={t('users.form.email')}
      extra={t('users.form.emailHelp')}
      rules={[{ type: 'email', message: t('users.form.emailInvalid') }]}
    >
      <Input type="email" autoComplete="off" maxLength={254} />
    </Form.Item>
  );
}

export function CreateUserModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CreateUser>();
  const { message } = App.useApp();
  const { refresh } = useUsersRefresh();

  return (
    <FormModal<CreateUser>
      title={t('users.form.createTitle')}
      form={form}
      onClose={onClose}
      onSubmit={async (values) => {
        await createUser({ ...values, email: values.email?.trim() || undefined });
        await refresh();
        void message.success(t('users.created'));
      }}
    >
      <Form.Item
        name="username"
        label={t('users.form.username')}
        extra={t('users.form.usernameHelp')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { field: t('users.form.username') }),
          },
        ]}
      >
        <Input autoComplete="off" maxLength={32} />
      </Form.Item>
      <NameAndOrgUnitFields />
      <EmailField />
      <Form.Item
        name="initialPassword"
        label={t('users.form.initialPassword')}
        extra={t('users.form.initialPasswordHelp')}
        rules={[
          { required: true, message: t('common.required', { field: t('users.form.initialPassword') }) },
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={128} />
      </Form.Item>
    </FormModal>
  );
}

interface EditUserValues {
  displayName: string;
  orgUnitId: string;
  email: string;
  disabled: boolean;
}

export function EditUserModal({ user, onClose }: { user: UserView; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EditUserValues>();
  const { message } = App.useApp();
  const { refresh, guard } = useUsersRefresh();

  return (
    <FormModal<EditUserValues>
      title={t('users.form.editTitle', { name: user.displayName })}
      form={form}
      initialValues={{
        displayName: user.displayName,
        orgUnitId: user.orgUnitId,
        email: user.email ?? '',
        disabled: user.disabled,
      }}
      onClose={onClose}
      onSubmit={async (values) => {
        await guard(
          updateUser(user.id, { version: user.version, ...values, email: values.email?.trim() || null }),
        );
        await refresh();
        void message.success(t('users.updated'));
      }}
    >
      <Form.Item label={t('users.form.username')}>
        <Input value={user.username} disabled />
      </Form.Item>
      <NameAndOrgUnitFields />
      <EmailField />
      <Form.Item
        name="disabled"
        label={t('users.form.disabled')}
        valuePropName="checked"
        extra={t('users.form.disabledHelp')}
      >
        <Switch />
      </Form.Item>
    </FormModal>
  );
}

interface ResetPasswordValues {
  newPassword: string;
  confirmPassword: string;
}

export function ResetPasswordModal({ user, onClose }: { user: UserView; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ResetPasswordValues>();
  const { message } = App.useApp();
  const { refresh } = useUsersRefresh();

  return (
    <FormModal<ResetPasswordValues>
      title={t('users.reset.title', { name: user.displayName })}
      form={form}
      width={480}
      okText={t('common.confirm')}
      onClose={onClose}
      onSubmit={async (values) => {
        await resetPassword(user.id, values.newPassword);
        await refresh();
        void message.success(t('users.reset.done'));
      }}
    >
      <Alert className="form-alert" type="info" showIcon title={t('users.reset.help')} />
      <Form.Item
        name="newPassword"
        label={t('users.reset.newPassword')}
        rules={[{ required: true, message: t('common.required', { field: t('users.reset.newPassword') }) }]}
      >
        <Input.Password autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t('users.reset.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('common.required', { field: t('users.reset.confirm') }) },
          ({ getFieldValue }) => ({
            validator: (_rule, value: string | undefined) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('changePassword.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={128} />
      </Form.Item>
    </FormModal>
  );
}

interface RolesValues {
  roles: Role[];
}

/** 三员 (administrator) roles apart from the business roles, so the separation of duties is visible. */
const ROLE_GROUPS = [
  { title: 'users.rolesModal.adminRoles', roles: ADMIN_ROLES },
  { title: 'users.rolesModal.businessRoles', roles: BUSINESS_ROLES },
] as const;

export function RolesModal({ user, onClose }: { user: UserView; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<RolesValues>();
  const { message } = App.useApp();
  const { refresh, guard } = useUsersRefresh();
  const selected = Form.useWatch('roles', form) ?? user.roles;
  const conflict = violatesSeparationOfDuties(selected);

  return (
    <FormModal<RolesValues>
      title={t('users.rolesModal.title', { name: user.displayName })}
      form={form}
      initialValues={{ roles: user.roles }}
      onClose={onClose}
      onSubmit={async (values) => {
        await guard(grantRoles(user.id, user.version, values.roles));
        await refresh();
        void message.success(t('users.rolesModal.saved'));
      }}
    >
      <Alert className="form-alert" type="info" showIcon title={t('users.rolesModal.separation')} />
      <Form.Item name="roles" className="roles-item">
        <Checkbox.Group className="role-groups">
          {ROLE_GROUPS.map(({ title, roles }) => (
            <div key={title} className="role-group">
              <Typography.Text strong>{t(title)}</Typography.Text>
              <div className="role-options">
                {roles.map((role) => (
                  <Checkbox key={role} value={role} data-testid={`role-option-${role}`}>
                    {labels.role(role)}
                  </Checkbox>
                ))}
              </div>
            </div>
          ))}
        </Checkbox.Group>
      </Form.Item>
      {conflict ? (
        <Alert className="form-alert" type="warning" showIcon title={t('users.rolesModal.conflict')} />
      ) : null}
    </FormModal>
  );
}
