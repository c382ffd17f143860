import { useEffect, useState } from 'react';
import { api } from './api.ts';
import { useStaff } from './context.ts';

/** The roles an admin gives here; handlers and applicants get theirs elsewhere. */
const GRANTABLE = ['admin', 'publisher', 'editor', 'key_account_manager'];

interface User {
  id: string;
  email: string;
  displayName: string;
  role: string;
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
}

/** Password change for everyone; accounts for admins. */
export function AccountView() {
  const { t, can, errorText } = useStaff();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <section>
      <form
        className="panel"
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            await api('POST', '/api/auth/password', { currentPassword: current, newPassword: next });
            setMessage({ ok: true, text: t('password_changed') });
            setCurrent('');
            setNext('');
          } catch (err) {
            setMessage({ ok: false, text: errorText(err) });
          }
        }}
      >
        <h2>{t('change_password')}</h2>
        <div className="form-grid">
          <label>
            {t('current_password')}
            <input
              type="password"
              autoComplete="current-password"
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
              required
            />
          </label>
          <label>
            {t('new_password')}
            <input
              type="password"
              autoComplete="new-password"
              minLength={12}
              value={next}
              onChange={(e) => setNext(e.target.value)}
              required
            />
          </label>
        </div>
        {message && (
          <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'}>
            {message.text}
          </p>
        )}
        <button type="submit" className="primary">
          {t('change_password')}
        </button>
      </form>
      {can('users.manage') && <Users />}
    </section>
  );
}

function Users() {
  const { t, errorText } = useStaff();
  const [users, setUsers] = useState<User[]>([]);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState('editor');
  const [message, setMessage] = useState('');
  const load = async () => setUsers((await api<{ users: User[] }>('GET', '/api/staff/users')).users);
  useEffect(() => {
    void load();
  }, []);
  const patch = async (id: string, body: object) => {
    try {
      await api('PATCH', `/api/staff/users/${id}`, body);
      await load();
    } catch (e) {
      setMessage(errorText(e));
    }
  };
  return (
    <div className="panel">
      <h2>{t('users')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('email')}</th>
            <th>{t('role')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>
                {u.email} {u.lockedUntil && <span className="badge withdrawn">{t('locked')}</span>}
                {u.disabled && <span className="badge withdrawn">{t('disabled')}</span>}
              </td>
              <td>
                <select
                  value={u.role}
                  onChange={(e) => patch(u.id, { role: e.target.value })}
                  aria-label={`${t('role')} ${u.email}`}
                >
                  {GRANTABLE.map((r) => (
                    <option key={r} value={r}>
                      {t(`role.${r}`)}
                    </option>
                  ))}
                  {!GRANTABLE.includes(u.role) && <option value={u.role}>{t(`role.${u.role}`)}</option>}
                </select>
              </td>
              <td className="toolbar">
                <label style={{ flexDirection: 'row', alignItems: 'center' }}>
                  <input
                    type="checkbox"
                    checked={u.disabled}
                    onChange={(e) => patch(u.id, { disabled: e.target.checked })}
                  />{' '}
                  {t('disabled')}
                </label>
                {u.lockedUntil && (
                  <button type="button" onClick={() => patch(u.id, { unlock: true })}>
                    {t('unlock')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="toolbar"
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            await api('POST', '/api/staff/users', { email, password, role });
            setEmail('');
            setPassword('');
            setMessage(t('saved'));
            await load();
          } catch (err) {
            setMessage(errorText(err));
          }
        }}
      >
        <label>
          {t('email')}
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </label>
        <label>
          {t('password')}
          <input
            type="password"
            autoComplete="new-password"
            minLength={12}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        <label>
          {t('role')}
          <select value={role} onChange={(e) => setRole(e.target.value)}>
            {GRANTABLE.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">
          {t('create_user')}
        </button>
        {message && <span role="status">{message}</span>}
      </form>
    </div>
  );
}
