language-name = Kiswahili
attract-welcome = Karibu
attract-touch-to-start = Gusa skrini ili kuanza
language-title = Chagua lugha yako
language-back = Rudi
home-title = Ungependa kufanya nini?
home-tile-services = Huduma za jiji
home-tile-services-hint = Tafuta huduma, tuma ombi au weka miadi
home-tile-learn = Jifunze ujuzi wa kidijitali
home-tile-learn-hint = Masomo mafupi kuhusu barua pepe, nywila, ulaghai na mengineyo
home-tile-say = Toa maoni yako
home-tile-say-hint = Kadiria huduma au jibu utafiti wa jamii
home-language = Lugha
home-finish = Maliza
home-finish-hint = Inamaliza ziara yako na kusahau kila kitu ulichofanya hapa
not-ready-message = Sehemu hii ya kioski bado inaandaliwa. Ukihitaji msaada leo, muulize mhudumu.
not-ready-back = Rudi kwenye skrini kuu
status-records-waiting =
    { $count ->
        [one] Rekodi { $count } inasubiri kutumwa
       *[other] Rekodi { $count } zinasubiri kutumwa
    }
