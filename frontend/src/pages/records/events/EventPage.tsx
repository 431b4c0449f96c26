import { ComingSoon } from '../../../components/ComingSoon';

// Placeholder until the page is built.
export default function EventPage() {
  return <ComingSoon title="menu.events" />;
}
