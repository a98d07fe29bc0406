import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLE_COLOURS } from './roles';

/** A person's roles as coloured tags, named in the UI language. */
export function RoleTags({ roles, empty }: { roles: readonly string[]; empty?: string }) {
  const { t } = useTranslation('shell');
  if (roles.length === 0) return empty ? <span className="muted">{empty}</span> : null;
  return (
    <span className="role-tags">
      {roles.map((role) => (
        <Tag key={role} color={ROLE_COLOURS[role] ?? 'default'} data-role={role}>
          {t(`roles.${role}`, { defaultValue: role })}
        </Tag>
      ))}
    </span>
  );
}
