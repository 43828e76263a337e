/**
 * Writes a credential report of `users` invented users: half with a console password,
 * a quarter of those with MFA, and a root row without MFA.
 */
export function generateReport(users: number, accountId = '111122223333'): string {
  const header =
    'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
  const tail = 'false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';
  const rows = [
    header,
    `<root_account>,arn:aws:iam::${accountId}:root,2019-01-01T00:00:00+00:00,not_supported,2026-01-01T00:00:00+00:00,not_supported,not_supported,false,${tail}`,
  ];
  for (let i = 0; i < users; i++) {
    const name = `user-${String(i).padStart(5, '0')}`;
    const password = i % 2 === 0;
    const mfa = password && i % 8 === 0;
    rows.push(
      `${name},arn:aws:iam::${accountId}:user/team-${i % 50}/${name},2024-01-01T00:00:00+00:00,${password},${password ? '2026-11-01T12:00:00+00:00' : 'N/A'},N/A,N/A,${mfa},${tail}`,
    );
  }
  return `${rows.join('\n')}\n`;
}
