import { useEffect, useState } from 'react';
import { placeFromHash, type Place } from './routes';

/** Hash routing: works from app:// and from the web host alike, and survives a reload. */
export function usePlace(): Place {
  const [place, setPlace] = useState<Place>(() => placeFromHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setPlace(placeFromHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return place;
}
