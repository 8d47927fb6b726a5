mallette-print - créditos de los archivos
=========================================

Iconos
------

Todos los archivos de assets/icons/ se dibujaron a mano para este proyecto. Forman
parte del contenido del juego y, como él, se publican bajo licencia Creative
Commons Atribución-CompartirIgual 4.0 Internacional (CC BY-SA 4.0, ver
LICENSE-CC-BY-SA). Son SVG de un solo color (#1A1A1A) sobre una cuadrícula de
24 × 24.

  family-association.svg    tres personas una junto a otra (asociación)
  family-cooperative.svg    dos abetos, el símbolo clásico de las cooperativas
  family-public.svg         ayuntamiento: frontón, cuatro columnas y un zócalo
  family-citoyen.svg        una persona, cabeza y hombros (ciudadanía)
  family-reseau.svg         red: cinco nodos unidos por trazos
  family-entreprise.svg     maletín (empresa)
  kind-marchande.svg        moneda con el signo del euro (recursos mercantiles)
  kind-non-marchande.svg    una fuente de la que salen tres flechas (redistribución)
  kind-non-monetaire.svg    dos flechas opuestas que se intercambian (reciprocidad)
  zone-centre-bourg.svg     iglesia de pueblo con campanario y nave en forma de casa
  zone-quartier.svg         dos edificios con sus ventanas
  zone-campagne.svg         espiga de trigo (campo)
  zone-zone-activites.svg   fábrica con tejado en diente de sierra y chimenea
  zone-tiers-lieu.svg       casa con un corazón (tercer lugar compartido)
  track-vitalite.svg        corazón (vitalidad)
  track-transition.svg      hoja con su nervio (transición ecológica)
  track-emploi.svg          martillo (empleo)
  track-participation.svg   dos bocadillos de diálogo (participación)
  track-fragilite.svg       triángulo de alerta agrietado (fragilidad)
  track-tours.svg           reloj de arena (rondas)
  deck-actor.svg            dos personas, una delante de la otra (cartas de Actor)
  deck-resource.svg         pila de fichas (cartas de Recurso)
  deck-cooperation.svg      dos anillos entrelazados (cartas de Cooperación)
  deck-challenge.svg        bandera clavada en una colina (cartas de Reto)
  deck-event.svg            rayo (cartas de Evento)
  deck-notion.svg           bombilla (cartas de Concepto)
  qr-phone.svg              contorno de teléfono móvil (junto a los códigos QR)
  licence-cc.svg            círculo con «cc» dibujado en dos arcos (Creative Commons)
  licence-by.svg            círculo con una silueta (Atribución)
  licence-sa.svg            círculo con una flecha circular (CompartirIgual)

Tipografías
-----------

Atkinson Hyperlegible
  (c) 2020 Braille Institute of America, Inc.
  Bajo licencia SIL Open Font License, versión 1.1.
  Se usa desde el paquete de PyPI fontpkg-atkinson-hyperlegible; los archivos
  de la tipografía no se copian en este repositorio.
