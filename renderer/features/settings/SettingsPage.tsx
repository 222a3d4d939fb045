import { usePageTitle } from '../../ui/use-page-title.ts';
import { BackupSettings } from './BackupSettings.tsx';
import { ContactNumbersSettings } from './ContactNumbersSettings.tsx';
import { PolicySettings } from './PolicySettings.tsx';
import { WipeSettings } from './WipeSettings.tsx';

/** Settings: what IT has set (and locked), backups of the records on this laptop, and wiping it. */
export function SettingsPage() {
  usePageTitle('Settings');
  return (
    <>
      <h1>Settings</h1>
      <PolicySettings />
      <ContactNumbersSettings />
      <BackupSettings />
      <WipeSettings />
    </>
  );
}
